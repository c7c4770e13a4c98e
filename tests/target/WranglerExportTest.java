package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import lib.target.WranglerExport;
import org.junit.jupiter.api.Test;

/**
 * What SQLite reads back from wrangler's D1 export of a text, against SQLite itself running the
 * expression the export writes (wrangler 4.86.0's outputQuotedEscapedString, written out below).
 */
class WranglerExportTest {
    /** The export's literal for a text, as outputQuotedEscapedString builds it. */
    static String exported(String cell) {
        boolean lf = cell.indexOf('\n') >= 0, cr = cell.indexOf('\r') >= 0;
        StringBuilder b = new StringBuilder("'");
        for (char c : cell.toCharArray()) b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\'' ? "''" : String.valueOf(c));
        String out = b.append('\'').toString();
        if (cr) out = "replace(" + out + ",'\\r',char(13))";
        if (lf) out = "replace(" + out + ",'\\n',char(10))";
        return out;
    }

    @Test
    void aTextReadsBackAsSqliteRunsTheExportsExpression() throws Exception {
        Random random = new Random(20261127);
        char[] alphabet = {'a', '\\', 'n', 'r', '\n', '\r', '\'', '\u00e9'};
        int altered = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = db.createStatement()) {
            for (int i = 0; i < 3000; i++) {
                StringBuilder s = new StringBuilder();
                for (int k = random.nextInt(13); k > 0; k--) s.append(alphabet[random.nextInt(alphabet.length)]);
                String text = s.toString();
                try (ResultSet rs = st.executeQuery("SELECT " + exported(text))) {
                    assertTrue(rs.next());
                    assertEquals(rs.getString(1), WranglerExport.textReadBack(text), "text " + text.replace("\n", "<LF>").replace("\r", "<CR>"));
                }
                if (!WranglerExport.textReadBack(text).equals(text)) altered++;
            }
        }
        assertTrue(altered > 0, "some texts are read back otherwise (the export is lossy)");
        assertEquals("C:\new\nfolder", WranglerExport.textReadBack("C:\\new\nfolder"));
        assertEquals("no break \\n here", WranglerExport.textReadBack("no break \\n here"));
    }
}
