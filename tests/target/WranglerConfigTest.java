package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.core.MigrationException;
import lib.target.WranglerConfig;
import lib.target.WranglerConfig.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line scan of wrangler.toml's D1 databases (no TOML parser is a dependency), and which config wrangler reads. */
class WranglerConfigTest {
    @Test
    void theScanReadsEveryTopLevelD1TableAndNoOtherEnvironments() {
        String toml = """
                name = "helm" # the Worker, not a database
                compatibility_date = "2024-09-01"

                [vars]
                database_name = "not-a-database"

                [[d1_databases]]   # the till's
                binding = "DB"
                database_name = "helm"
                database_id = "00000000-0000-0000-0000-000000000000"

                [[kv_namespaces]]
                binding = "KV"

                [[d1_databases]]
                database_name = 'helm-archive'   # a literal string
                binding = "ARCHIVE"

                [[env.staging.d1_databases]]
                binding = "DB"
                database_name = "helm-staging"
                """;
        assertEquals(List.of(new Database("helm", "DB"), new Database("helm-archive", "ARCHIVE")), WranglerConfig.fromToml(toml));
    }

    @Test
    void anInlineArrayOfTablesIsReadToo() {
        String toml = """
                name = "helm"
                d1_databases = [
                  { binding = "DB", database_name = "helm", database_id = "x" },
                  { binding = "B2", database_name = "other" }
                ]
                [vars]
                X = "1"
                """;
        assertEquals(List.of(new Database("helm", "DB"), new Database("other", "B2")), WranglerConfig.fromToml(toml));
    }

    @Test
    void aNameOrBindingOfTheConfigWranglerReadsPassesAndAnyOtherIsRefused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("wrangler.toml"), "[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"helm\"\n");
        WranglerConfig.requireDatabase(tmp, "helm");
        WranglerConfig.requireDatabase(tmp, "DB");
        MigrationException e = assertThrows(MigrationException.class, () -> WranglerConfig.requireDatabase(tmp, "hlem"));
        assertEquals(2, e.exitCode().code);
        assertTrue(e.getMessage().contains("no D1 database hlem in ") && e.getMessage().contains("which names helm (binding DB); name one of them"),
                e.getMessage());

        Files.writeString(tmp.resolve("bare.toml"), "");
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        Files.writeString(bare.resolve("wrangler.toml"), "name = \"x\"\n");
        assertTrue(assertThrows(MigrationException.class, () -> WranglerConfig.requireDatabase(bare, "helm")).getMessage()
                .contains("binds no D1 database"));

        // wrangler reads wrangler.json before wrangler.toml.
        Files.writeString(tmp.resolve("wrangler.json"), "{\"d1_databases\": [{\"binding\": \"DB\", \"database_name\": \"till\"}]}");
        WranglerConfig.requireDatabase(tmp, "till");
        assertThrows(MigrationException.class, () -> WranglerConfig.requireDatabase(tmp, "helm"));
    }
}
