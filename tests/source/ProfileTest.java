package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import lib.sample.Defect;
import lib.sample.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** --profile: the source's quirks, counted before any mapping, agree with what the generator planted. */
class ProfileTest {
    @Test
    void theProfileFindsThePlantedDuplicatesOrphansSentinelsAndAMisdecodedName(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE CUST SET LAST_NAME = 'MÃ¼ller' WHERE CUST_ID = (SELECT MIN(CUST_ID) FROM CUST)");
        }
        Path out = tmp.resolve("out");
        TestSupport.Run r = SampleRun.migrate(out, "--profile", "--source", url);
        assertEquals(0, r.exit(), r.all());
        assertFalse(Files.exists(out.resolve("helm.sqlite")), "profiling migrates nothing");
        String md = Files.readString(out.resolve("profile.md"));
        Manifest manifest = SampleRun.sample().manifest();

        assertEquals(manifest.count(Defect.DUPLICATE_SKU, "INVMAST", "SKU"), cell(md, "| INVMAST.SKU |", 3));
        assertEquals(manifest.count(Defect.DUPLICATE_ACCOUNT, "CUST", "ACCT_NO"), cell(md, "| CUST.ACCT_NO |", 3));
        assertEquals(manifest.count(Defect.ORPHAN_TICKET, "TKTPAY", "TICKET_NO"), cell(md, "| TKTPAY.STORE_NO+TICKET_NO |", 3));
        assertEquals(manifest.count(Defect.ORPHAN_PRODUCT, "TKTLINE", "ITEM_ID"), cell(md, "| TKTLINE.ITEM_ID |", 3));
        assertEquals(manifest.count(Defect.ORPHAN_CUSTOMER, "RENTCONT", "CUST_ID"), cell(md, "| RENTCONT.CUST_ID |", 3));
        String cust = section(md, "## CUST ");
        assertEquals(manifest.count(Defect.SENTINEL_DATE, "CUST", "BIRTH_DATE"), cell(cust, "| BIRTH_DATE |", 5));
        assertEquals(1, cell(cust, "| LAST_NAME |", 7), "the one misdecoded name");
        assertTrue(cust.contains("e.g. `MÃ¼ller`"), cust);
        Map<String, Long> rows = manifest.rowCounts();
        assertTrue(md.contains(String.format("## TKTLINE (%,d rows)", rows.get("TKTLINE"))), md);
    }

    /** The number at the start of a cell of the first table row that starts with {@code rowStart}; "-" is 0. */
    static long cell(String md, String rowStart, int column) {
        String row = md.lines().filter(l -> l.startsWith(rowStart)).findFirst().orElseThrow(() -> new AssertionError("no row " + rowStart));
        String c = row.split("\\|")[column + 1].strip();
        if (c.equals("-")) return 0;
        return Long.parseLong(c.split(" ")[0].replace(",", ""));
    }

    static String section(String md, String heading) {
        int from = md.indexOf(heading);
        assertTrue(from >= 0, heading);
        int to = md.indexOf("\n## ", from + 1);
        return md.substring(from, to < 0 ? md.length() : to);
    }
}
