package io.schemapilot.report;

/** schemapilot's own name and version, as reports and transcripts record them. */
public final class ToolInfo {
    public static final String NAME = "schemapilot";
    public static final String VERSION = "0.1.0";

    private ToolInfo() {
    }
}
