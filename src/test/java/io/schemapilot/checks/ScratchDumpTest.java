package io.schemapilot.checks;

import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.report.Json;
import io.schemapilot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        StringBuilder sb = new StringBuilder();
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                DataCheckRunnerTest.exec(c, DataCheckRunnerTest.DATA + "ANALYZE;");
                var catalog = new CatalogReader().read(c);
                var plan = DataCheckPlanner.plan(DataCheckRunnerTest.MIGRATION, catalog);
                for (CheckMode m : CheckMode.values()) {
                    var run = new DataCheckRunner(DataCheckRunner.Options.of(m).withSample(300, DataCheckRunner.SampleMethod.BERNOULLI)).run(c, plan);
                    sb.append("==== ").append(db.serverLabel()).append(' ').append(m).append(' ').append(run.took()).append('\n');
                    sb.append(Json.write(run.checks())).append('\n');
                    run.queries().forEach(q -> sb.append("-- ").append(q.purpose()).append(' ').append(q.table()).append(' ').append(q.millis()).append("ms\n").append(q.sql()).append("\n"));
                }
            }
        });
        Files.writeString(Path.of("/tmp/rt-scratch/dump.txt"), sb.toString());
    }
}
