package io.schemapilot.report.render;

import io.schemapilot.report.CheckReport;
import io.schemapilot.report.Json;

/** The contract's {@code check --format json} object (CLI-AND-REPORT.md), pretty-printed, one trailing newline. */
public final class JsonRenderer {

    public String render(CheckReport report) {
        return Json.write(report) + "\n";
    }
}
