package io.schemapilot.report.render;

import io.schemapilot.report.DataCheck;

/** One line describing a data check's result, shared by the text and Markdown renderers. */
final class DataCheckText {
    private DataCheckText() {
    }

    static String result(DataCheck c) {
        StringBuilder sb = new StringBuilder();
        DataCheck.Result r = c.result();
        if (r == null) {
            return "no result";
        }
        sb.append(r.count() < 0 ? "not counted" : r.count() + (c.kind().equals("duplicates") ? " duplicate groups"
                : c.kind().equals("data-loss") ? " values lost" : " rows"));
        sb.append(" in ").append(c.object());
        sb.append(c.exact() ? " (exact)" : " (estimate)");
        if (r.note() != null && !r.note().isBlank()) {
            sb.append("; ").append(r.note());
        }
        return sb.toString();
    }
}
