package io.schemapilot.agent.persona;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading one persona file gave: the persona with the warnings about what had to be repaired or was ignored,
 * or an error saying why the file could not be read at all.
 *
 * @param source   the file (or directory, for a directory that could not be listed)
 * @param persona  the persona, or null when {@code error} is set
 * @param warnings one sentence each; empty for a clean file
 * @param error    null, or why nothing could be loaded
 */
public record PersonaLoadResult(Path source, Persona persona, List<String> warnings, String error) {
    public PersonaLoadResult {
        warnings = List.copyOf(warnings);
        if ((persona == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of persona and error must be set");
        }
    }

    public static PersonaLoadResult loaded(Path source, Persona persona, List<String> warnings) {
        return new PersonaLoadResult(source, persona, warnings, null);
    }

    public static PersonaLoadResult failed(Path source, String error) {
        return new PersonaLoadResult(source, null, List.of(), error);
    }

    public boolean ok() {
        return persona != null;
    }
}
