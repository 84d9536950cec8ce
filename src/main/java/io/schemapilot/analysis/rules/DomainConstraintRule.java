package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.List;

/**
 * Validated {@code ALTER DOMAIN ... ADD CONSTRAINT}, {@code ALTER DOMAIN ... SET NOT NULL} and, before PostgreSQL
 * 19, {@code ALTER DOMAIN ... VALIDATE CONSTRAINT} (all scan every using table under SHARE locks), and
 * {@code CREATE DOMAIN ... CHECK}.
 */
public final class DomainConstraintRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DOMAIN_CONSTRAINT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (c instanceof Change.AlterDomainAddConstraint ad && !ad.notValid() && !ctx.isNewType(ad.target())) {
                String domain = ctx.display(ad.target());
                List<String> users = usingTables(ad.target(), ctx);
                boolean none = ctx.hasCatalog() && users.isEmpty();
                String tables = tables(users);
                boolean check = hasWord(st, "check");
                out.of(hazard(), st)
                        .risk(none ? Risk.LOW : Risk.HIGH)
                        .object(domain)
                        .lock(LockMode.SHARE)
                        .message((hasWord(st, "set") && !hasWord(st, "add") ? "Setting NOT NULL on domain "
                                : "Adding a validated constraint to domain ") + domain + " checks every column of that"
                                + " type while holding a SHARE lock on " + tables + ", blocking writes to them until"
                                + " the scan ends" + (none ? " (the catalog shows no table using it)" : "") + ".")
                        .help(check ? "Add the constraint NOT VALID (instant; new values are checked) and VALIDATE it"
                                + " later at a quiet time under a short lock_timeout (on PostgreSQL 18 and earlier the"
                                + " VALIDATE still holds these SHARE locks for its scan), or use CHECK constraints on"
                                + " the columns instead."
                                : "Domain NOT NULL cannot be added NOT VALID: use column constraints instead, or run"
                                + " it at a quiet time under a short lock_timeout.")
                        .fix(check ? fix(st, ad.target()) : null)
                        .add();
            } else if (c instanceof Change.AlterDomainValidateConstraint vc && !ctx.isNewType(vc.target())
                    && !ctx.pgVersion().atLeast(19)) {
                // pg_locks on PostgreSQL 15: SHARE on every table with a column of the domain for the whole scan
                // (ADD ... NOT VALID before it took none). PostgreSQL 19 lowers it to SHARE UPDATE EXCLUSIVE, as
                // for ALTER TABLE ... VALIDATE CONSTRAINT (release notes, commit 16a0039dc).
                String domain = ctx.display(vc.target());
                List<String> users = usingTables(vc.target(), ctx);
                boolean none = ctx.hasCatalog() && users.isEmpty();
                out.of(hazard(), st)
                        .risk(none ? Risk.LOW : Risk.HIGH)
                        .object(domain)
                        .lock(LockMode.SHARE)
                        .message("Validating constraint " + vc.name() + " of domain " + domain + " checks every"
                                + " column of that type while holding a SHARE lock on " + tables(users)
                                + ", blocking writes to them until the scan ends"
                                + (none ? " (the catalog shows no table using it)" : "") + ". Adding it NOT VALID"
                                + " first only moves this scan: up to PostgreSQL 18, VALIDATE takes the same locks as a"
                                + " validated ADD CONSTRAINT (PostgreSQL 19 takes SHARE UPDATE EXCLUSIVE instead,"
                                + " which blocks no writes).")
                        .help("Run it alone at a quiet time under a short lock_timeout (SET lock_timeout = '2s'),"
                                + " retrying if it times out; for large tables prefer CHECK constraints on the"
                                + " columns, whose ALTER TABLE ... VALIDATE CONSTRAINT blocks no writes.")
                        .add();
            } else if (c instanceof Change.CreateDomain cd && cd.hasCheck()) {
                String domain = ctx.display(cd.target());
                out.of(hazard(), st)
                        .risk(Risk.LOW)
                        .object(domain)
                        .message("Domain " + domain + " is created with a CHECK constraint; that locks nothing now,"
                                + " but changing the check later must validate every column of the domain under SHARE"
                                + " locks on their tables.")
                        .help("Prefer the base type plus CHECK constraints on the columns, which can be added NOT VALID"
                                + " and validated table by table.")
                        .add();
            }
        }
    }

    private static String tables(List<String> users) {
        return users.isEmpty() ? "each table that uses it"
                : "each table that uses it (" + String.join(", ", users.subList(0, Math.min(5, users.size())))
                + (users.size() > 5 ? ", ..." : "") + ")";
    }

    /** Tables whose columns have the domain as their type, per the catalog. */
    private static List<String> usingTables(QualifiedName domain, AnalysisContext ctx) {
        return ctx.catalog().map(cat -> cat.tables().stream()
                .filter(t -> t.columns().stream().anyMatch(col -> domain.name().equals(col.baseType())
                        || domain.name().equals(col.type()) || domain.toString().equals(col.type())))
                .map(t -> t.schema() + "." + t.name()).toList()).orElse(List.of());
    }

    private static boolean hasWord(ParsedStatement st, String word) {
        return st.tokens().stream().anyMatch(t -> t.isWord(word));
    }

    /** The same constraint NOT VALID, then its VALIDATE; needs the constraint's name. */
    private static String fix(ParsedStatement st, QualifiedName domain) {
        List<Token> tokens = st.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("constraint") && tokens.get(i + 1).isIdentifier()) {
                String name = tokens.get(i + 1).text();
                return st.source().text().strip() + " NOT VALID;\n-- later, at a quiet time:\nALTER DOMAIN " + domain
                        + " VALIDATE CONSTRAINT " + name + ";";
            }
        }
        return null;
    }
}
