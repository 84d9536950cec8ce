package io.schemapilot.agent.markdown;

/** A Markdown or YAML file that cannot be read at all; the message says what is wrong and where. */
public final class FrontMatterException extends Exception {
    private static final long serialVersionUID = 1L;

    public FrontMatterException(String message) {
        super(message);
    }
}
