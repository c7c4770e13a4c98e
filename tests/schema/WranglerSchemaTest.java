package tests.schema;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import lib.cli.VerifySchemaCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;
import tests.support.Wrangler;

/** The real D1 path: wrangler applies migrations/ to a local D1, and VerifySchema reads it back. */
@Tag("slow")
class WranglerSchemaTest {
    @Test
    void localD1MatchesTheSpecUntilAnAlter(@TempDir Path tmp) throws Exception {
        Path spec = TestSupport.repo().resolve("migrations/schema-spec.md");
        Path project = Wrangler.project(tmp.resolve("d1"), spec.getParent());
        Wrangler.run(project, "d1", "migrations", "apply", "helm", "--local");
        Path dump = tmp.resolve("schema.sql");
        Wrangler.run(project, "d1", "export", "helm", "--local", "--no-data", "--output", dump.toString());
        Run same = TestSupport.run(new VerifySchemaCommand(), spec.toString(), "--schema-sql", dump.toString());
        assertEquals(0, same.exit(), same.all());
        Run sameD1 = TestSupport.run(new VerifySchemaCommand(), spec.toString(), "--d1", "helm", "--wrangler-dir", project.toString());
        assertEquals(0, sameD1.exit(), sameD1.all());

        Wrangler.run(project, "d1", "execute", "helm", "--local", "--command", "ALTER TABLE customers ADD COLUMN loyalty_tier TEXT");
        Path dump2 = tmp.resolve("schema2.sql");
        Wrangler.run(project, "d1", "export", "helm", "--local", "--no-data", "--output", dump2.toString());
        Run drift = TestSupport.run(new VerifySchemaCommand(), spec.toString(), "--schema-sql", dump2.toString());
        assertEquals(1, drift.exit(), drift.all());
        assertTrue(drift.out().contains("customers\n  column loyalty_tier: in the database, not in the spec"), drift.out());
        Run file = TestSupport.run(new VerifySchemaCommand(), spec.toString(), "--db", Wrangler.localDatabase(project).toString());
        assertEquals(1, file.exit(), "the local D1 state file shows the same drift: " + file.all());
        Run d1 = TestSupport.run(new VerifySchemaCommand(), spec.toString(), "--d1", "helm", "--local", "--wrangler-dir", project.toString());
        assertEquals(1, d1.exit(), "--d1 exports the schema with the pinned wrangler itself: " + d1.all());
        assertTrue(d1.out().contains("customers\n  column loyalty_tier: in the database, not in the spec"), d1.out());
        assertTrue(d1.out().contains("actual D1 helm (local)"), d1.out());
    }

    /**
     * A D1 name wrangler does not know: one plain line naming it, not wrangler's colour codes nor where its log went. MigrateAim
     * refuses it before wrangler runs, from the names wrangler.toml holds (exit 2, a usage mistake, as VerifySchema's).
     */
    @Test
    void anUnknownD1NameIsOnePlainLine(@TempDir Path tmp) throws Exception {
        Path spec = TestSupport.repo().resolve("migrations/schema-spec.md");
        Path project = Wrangler.project(tmp.resolve("d1"), spec.getParent());
        Run schema = TestSupport.run(new VerifySchemaCommand(), spec.toString(), "--d1", "nosuchdb", "--wrangler-dir", project.toString());
        Run verify = TestSupport.run(new lib.cli.MigrateAimCommand(java.util.Map.of()), "--d1-verify", "nosuchdb", "--wrangler-dir", project.toString(),
                "--out", tests.support.SampleRun.full().toString());
        assertEquals(2, schema.exit(), schema.all());
        assertEquals(2, verify.exit(), verify.all());
        assertTrue(verify.err().contains("which names helm"), "the names it could have been: " + verify.all());
        for (Run r : new Run[] {schema, verify}) {
            String line = r.err().strip();
            assertEquals(1, line.lines().count(), line);
            assertFalse(line.contains("\u001B"), "no colour codes: " + line);
            assertFalse(line.contains("Logs were written"), line);
            assertTrue(line.contains("nosuchdb"), line);
        }
    }
}
