package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.source.KeyIndexes;
import org.junit.jupiter.api.Test;

/**
 * Which tables have no index that keeps their key unique (a table that lost its primary key: the figures read its
 * rejects in one pass, --check-source names it). A unique index on other columns (a replication ROWGUIDCOL) keeps
 * nothing of the key unique, and was taken for a key: such a table held a key twice, and each lookup of it was a scan.
 */
public class KeyIndexesTest {
    @Test
    void aUniqueIndexOnOtherColumnsIsNoKey() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:keyindexes;MODE=MSSQLServer")) {
            assertKeysFound(db);
        }
    }

    /** Four tables of key (A, B), made on {@code db} and dropped again: only those without an index of key columns are named. */
    public static void assertKeysFound(Connection db) throws Exception {
        List<String> tables = List.of("ZZ_ROWGUID", "ZZ_SOME_KEY", "ZZ_PRIMARY", "ZZ_HEAP");
        try (Statement st = db.createStatement()) {
            for (String t : tables) st.execute("CREATE TABLE " + t + " (A INT NOT NULL, B INT NOT NULL, G VARCHAR(10))");
            st.execute("CREATE UNIQUE INDEX ZZ_ROWGUID_G ON ZZ_ROWGUID (G)");
            st.execute("CREATE UNIQUE INDEX ZZ_SOME_KEY_A ON ZZ_SOME_KEY (A)");
            st.execute("ALTER TABLE ZZ_PRIMARY ADD CONSTRAINT ZZ_PRIMARY_PK PRIMARY KEY (B, A)");
            Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
            for (String t : tables) keys.put(t, List.of("A", "B"));
            keys.put("ZZ_NOT_THERE", List.of("A"));
            assertEquals(Set.of("ZZ_ROWGUID", "ZZ_HEAP"), KeyIndexes.missing(db, keys));
        } finally {
            try (Statement st = db.createStatement()) {
                for (String t : tables) st.execute("DROP TABLE IF EXISTS " + t);
            }
        }
    }
}
