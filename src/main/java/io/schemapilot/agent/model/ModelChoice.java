package io.schemapilot.agent.model;

/**
 * A model chosen for a session or a persona, and why.
 *
 * @param spec    the model
 * @param source  where the choice came from: {@value #FLAG}, {@value ModelSettings#MODEL_ENV}, a config file's
 *                path, {@value #PERSONA}, or {@value #DEFAULT} (nothing configured: offline)
 * @param warning something the user should be told about the choice (a persona's model that could not be used), or
 *                null
 */
public record ModelChoice(ModelSpec spec, String source, String warning) {

    public static final String FLAG = "--model";
    public static final String PERSONA = "persona";
    public static final String DEFAULT = "default";

    public boolean isOffline() {
        return spec.isOffline();
    }

    ModelChoice withWarning(String w) {
        return new ModelChoice(spec, source, w);
    }
}
