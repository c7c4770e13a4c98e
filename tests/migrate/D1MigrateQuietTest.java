package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;
import tests.support.Wrangler;

/** --d1-migrate and --d1-apply under --quiet keep its promise: errors and the final line only, as --all --quiet does. */
@Tag("slow")
class D1MigrateQuietTest {
    @Test
    void quietPrintsOneLineNamingTheDatabaseAndTheMigrations(@TempDir Path tmp) throws Exception {
        Path project = Wrangler.project(tmp.resolve("helm"), TestSupport.repo().resolve("migrations"));
        TestSupport.Run first = migrateAim("--d1-migrate", "helm", "--quiet", "--wrangler-dir", project.toString());
        assertEquals(0, first.exit(), first.all());
        List<String> lines = first.out().lines().toList();
        assertEquals(1, lines.size(), "one line under --quiet: " + first.out());
        String line = lines.get(0);
        assertTrue(line.startsWith("D1 database helm (local): "), "it says which database: " + line);
        try (var files = Files.list(project.resolve("migrations"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                assertTrue(line.contains(f.getFileName().toString()), "it names " + f.getFileName() + ": " + line);
            }
        }
        assertEquals("", first.err(), first.all());

        TestSupport.Run again = migrateAim("--d1-migrate", "helm", "-q", "--wrangler-dir", project.toString());
        assertEquals(0, again.exit(), again.all());
        assertEquals(1, again.out().lines().count(), "one line when nothing is left to apply too: " + again.out());
        assertTrue(again.out().startsWith("D1 database helm (local): "), again.out());

        TestSupport.Run loud = migrateAim("--d1-migrate", "helm", "--wrangler-dir", project.toString());
        assertEquals(0, loud.exit(), loud.all());
        assertTrue(loud.out().startsWith("Applying the migrations of "), "without --quiet it says what it starts: " + loud.out());
        assertEquals(2, loud.out().lines().count(), loud.out());
    }

    @Test
    void quietStillPrintsTheError(@TempDir Path tmp) throws Exception {
        Path project = Wrangler.project(tmp.resolve("helm"), TestSupport.repo().resolve("migrations"));
        Path broken = tmp.resolve("wrangler");
        Files.writeString(broken, "#!/bin/sh\necho 'X [ERROR] D1 is out of reach' >&2\nexit 1\n");
        assertTrue(broken.toFile().setExecutable(true));
        TestSupport.Run r = migrateAim("--d1-migrate", "helm", "--quiet", "--wrangler-dir", project.toString(),
                "--wrangler", broken.toString());
        assertEquals(7, r.exit(), r.all());
        assertEquals("", r.out(), "no progress line under --quiet: " + r.all());
        assertTrue(r.err().contains("could not apply the migrations to D1 database helm") && r.err().contains("D1 is out of reach"), r.all());
    }

    /**
     * --d1-apply --quiet prints its verification alone, not the load's progress (the chunks, where its checkpoint is);
     * without --quiet it says both. --d1-verify --quiet prints its one line.
     */
    @Test
    void quietApplyPrintsOnlyItsVerification(@TempDir Path tmp) throws Exception {
        Path out = D1ApplyTest.slices(tmp, "1");
        Path project = Wrangler.project(tmp.resolve("helm"), TestSupport.repo().resolve("migrations"));
        assertEquals(0, migrateAim("--d1-migrate", "helm", "-q", "--wrangler-dir", project.toString()).exit());
        TestSupport.Run apply = migrateAim("--d1-apply", "helm", "--quiet", "--out", out.toString(), "--wrangler-dir", project.toString());
        assertEquals(0, apply.exit(), apply.all());
        List<String> lines = apply.out().lines().toList();
        assertEquals(1, lines.size(), "one line under --quiet: " + apply.out());
        assertTrue(lines.get(0).startsWith("D1 database helm (local) against ") && lines.get(0).contains("all agree"), lines.get(0));
        TestSupport.Run verify = migrateAim("--d1-verify", "helm", "-q", "--out", out.toString(), "--wrangler-dir", project.toString());
        assertEquals(0, verify.exit(), verify.all());
        assertEquals(List.of(lines.get(0)), verify.out().lines().toList(), verify.all());
        TestSupport.Run loud = migrateAim("--d1-apply", "helm", "--out", out.toString(), "--wrangler-dir", project.toString());
        assertEquals(0, loud.exit(), loud.all());
        assertTrue(loud.out().contains("already loaded into helm") && loud.out().lines().count() == 2, "without --quiet it says where the load stands: " + loud.out());
    }

    /** MigrateAim in-process with these arguments alone (SampleRun.migrate adds --quiet to every run). */
    private static TestSupport.Run migrateAim(String... args) {
        return TestSupport.run(new MigrateAimCommand(Map.of()), args);
    }
}
