package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import java.util.List;

/** {@code ALTER TYPE ... ADD VALUE} without {@code BEFORE}/{@code AFTER}: the label goes last in the sort order. */
public final class EnumAddValueUnorderedRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ENUM_ADD_VALUE_UNORDERED;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AddEnumValue av : st.changes(Change.AddEnumValue.class)) {
            if (av.position() != null) {
                continue;
            }
            String type = ctx.display(av.target());
            List<String> labels = ctx.catalog().flatMap(c -> c.enumType(av.target()))
                    .map(e -> e.labels()).orElse(List.of());
            if (labels.contains(av.value()) && av.ifNotExists()) {
                continue; // the catalog shows the label already exists: IF NOT EXISTS makes this a no-op
            }
            String after = labels.isEmpty() ? "the last label"
                    : "'" + labels.get(labels.size() - 1) + "', the current last label by the catalog";
            Findings.Builder b = out.of(hazard(), st)
                    .object(type)
                    .message("Label '" + av.value() + "' is appended to enum " + type + " after " + after
                            + ", so ORDER BY and < / > comparisons on the enum sort it last; the statement takes no "
                            + "lock that blocks table reads or writes.")
                    .help("Say where the label belongs with BEFORE or AFTER an existing label.");
            if (!labels.isEmpty()) {
                b.fix(st.source().text().strip() + " AFTER '" + labels.get(labels.size() - 1) + "';");
            }
            b.add();
        }
    }
}
