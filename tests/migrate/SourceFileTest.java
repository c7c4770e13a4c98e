package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import lib.core.Json;
import lib.source.SourceIdentity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** out/source.json: a --slice re-run into an output read from another database, or another --limit subset, is refused up front. */
class SourceFileTest {
    @Test
    void aSqlServerUrlIsIdentifiedByHostPortAndDatabaseNeverByItsLogin() {
        SourceIdentity a = SourceIdentity.ofUrl("jdbc:sqlserver://AIM-Host:1433;databaseName=AIM;user=bob;encrypt=false");
        assertEquals(new SourceIdentity("sqlserver", "aim-host:1433", "aim"), a);
        assertEquals(a, SourceIdentity.ofUrl("jdbc:sqlserver://aim-host;database=aim;trustServerCertificate=true"), "1433 is the default port");
        assertNotEquals(a, SourceIdentity.ofUrl("jdbc:sqlserver://aim-host:1433;databaseName=AIM_TEST"));
        assertNotEquals(a, SourceIdentity.ofUrl("jdbc:sqlserver://aim-host:14330;databaseName=AIM"));
        assertEquals("SQL Server aim-host:1433, database aim", a.label());
        assertFalse(Json.write(a.toMap()).contains("bob"));
        assertEquals(new SourceIdentity("sqlserver", "aim-host\\shop", "aim"),
                SourceIdentity.ofUrl("jdbc:sqlserver://aim-host;instanceName=shop;databaseName=AIM"));
        assertEquals("jdbc:h2:/data/aim", SourceIdentity.ofUrl("jdbc:h2:/data/aim;MODE=MSSQLServer;ACCESS_MODE_DATA=r").label());
        assertEquals("sample scale 2", SourceIdentity.sample(2, null).label());
        assertNotEquals(SourceIdentity.sample(1, null), SourceIdentity.sample(1, "adversarial"));
    }

    @Test
    @Tag("slow")
    void aSliceRerunAgainstAnotherSourceOrSubsetIsRefusedBeforeReadingAnything(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        copy(SampleRun.full(), out);
        Map<String, Object> held = Json.read(Files.readString(out.resolve("source.json")));
        assertEquals(Map.of("kind", "sample", "database", "scale 1"), held.get("source"));
        String before = SampleRun.sha256(out.resolve("helm.sqlite")) + SampleRun.sha256(out.resolve("d1/all.sql"));

        TestSupport.Run other = SampleRun.migrate(out, "--slice", "4", "--sample=2");
        assertEquals(2, other.exit(), other.all());
        assertEquals("MigrateAim: " + out + " holds a migration of sample scale 1; this run reads sample scale 2: use --all to start over, "
                + "or another --out", other.err().strip());
        String url = SampleRun.sample().jdbcUrl();
        TestSupport.Run h2 = SampleRun.migrate(out, "--slice", "4", "--source", url);
        assertEquals(2, h2.exit(), h2.all());
        assertTrue(h2.err().contains("this run reads " + url.substring(0, url.indexOf(';')) + ": use --all"), h2.err());
        TestSupport.Run limited = SampleRun.migrate(out, "--slice", "4", "--sample", "--limit", "300");
        assertEquals(2, limited.exit(), limited.all());
        assertTrue(limited.err().contains("holds every row of sample scale 1; this run reads a subset (--limit 300): use the same --limit"),
                limited.err());
        assertEquals(before, SampleRun.sha256(out.resolve("helm.sqlite")) + SampleRun.sha256(out.resolve("d1/all.sql")), "out/ untouched");

        TestSupport.Run same = SampleRun.migrate(out, "--slice", "6", "--sample");
        assertEquals(0, same.exit(), same.all());
        assertEquals(held, Json.read(Files.readString(out.resolve("source.json"))));
    }

    /**
     * An output an earlier version made from a URL without databaseName kept "(the login's default)", not the database: a
     * --slice re-run, which now records it, is refused saying why and that one --all records it, not as if it were another source.
     */
    @Test
    void anOutputThatKeptNoDatabaseNameSaysOneAllRecordsIt(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("helm.sqlite"), "");
        Files.writeString(out.resolve("source.json"), "{\"source\": {\"kind\": \"sqlserver\", \"server\": \"aim-host:1433\", \"database\": "
                + "\"(the login's default)\"}, \"limit\": 0, \"shop_time_zone\": \"America/Chicago\", \"redaction\": \"none\"}");
        lib.core.MigrationException e = assertThrows(lib.core.MigrationException.class, () -> lib.run.SourceFile.requireSame(out,
                new SourceIdentity("sqlserver", "aim-host:1433", "aim"), 0, lib.run.SourceFile.Mapping.of(java.time.ZoneId.of("America/Chicago"), "US", null)));
        assertTrue(e.getMessage().contains("did not record which database the login's default was; one --all records it"), e.getMessage());
        lib.core.MigrationException other = assertThrows(lib.core.MigrationException.class, () -> lib.run.SourceFile.requireSame(out,
                new SourceIdentity("sqlserver", "other-host:1433", "aim"), 0, lib.run.SourceFile.Mapping.of(java.time.ZoneId.of("America/Chicago"), "US", null)));
        assertFalse(other.getMessage().contains("one --all records it"), "another server is another source: " + other.getMessage());
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
