package io.schemapilot.agent.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading one manifest file gave: the manifest with warnings, or an error naming every problem found.
 *
 * @param manifest null when {@code error} is set
 * @param error    null, or the problems, one sentence each, joined by "; "
 */
public record ToolManifestLoadResult(Path source, ToolManifest manifest, List<String> warnings, String error) {
    public ToolManifestLoadResult {
        warnings = List.copyOf(warnings);
        if ((manifest == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of manifest and error must be set");
        }
    }

    public boolean ok() {
        return manifest != null;
    }
}
