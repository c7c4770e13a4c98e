package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import lib.rules.CodeKey;
import org.junit.jupiter.api.Test;

/** One definition of "the same code", as SQL Server's = says under the AIM database's collation. */
class CodeKeyTest {
    @Test
    void underTheUsualCaseInsensitiveCollationCaseAndSurroundingSpacesDoNotCount() {
        CodeKey ci = CodeKey.forCollation("SQL_Latin1_General_CP1_CI_AS");
        assertFalse(ci.caseSensitive());
        assertEquals("CASH", ci.of("cash "));
        assertEquals("CASH", ci.of(" CASH "));
        assertTrue(ci.same("Cash", "CASH    "));
        assertFalse(ci.same("CASH", "CHK"));
        assertNull(ci.of("    "), "a blank code is no code");
        assertNull(ci.of(null));
        assertTrue(ci.same(null, "  "));
        assertEquals("MÜLLER", ci.of("müller"), "accents stay (AS), case folds");
    }

    @Test
    void aCaseSensitiveOrBinaryCollationKeepsCase() {
        for (String c : new String[] {"Latin1_General_CS_AS", "Latin1_General_100_CS_AS_SC", "Latin1_General_BIN", "Latin1_General_BIN2",
                "Latin1_General_100_BIN2_UTF8", "Latin1_General_100_CS_AS_SC_UTF8", "bbf_unicode_cp1_cs_as"}) {
            CodeKey cs = CodeKey.forCollation(c);
            assertTrue(cs.caseSensitive(), c);
            assertEquals("cash", cs.of(" cash "), c);
            assertFalse(cs.same("cash", "CASH"), c);
        }
        assertFalse(CodeKey.forCollation(null).caseSensitive(), "a server that does not say: SQL Server's default, case-insensitive");
        assertFalse(CodeKey.forCollation("Latin1_General_CI_AI").caseSensitive());
        assertFalse(CodeKey.forCollation("Latin1_General_100_CI_AS_SC_UTF8").caseSensitive());
    }

    @Test
    void aRunUsesItsSourcesComparisonAndTheDefaultIsCaseInsensitive() {
        assertEquals(CodeKey.CASE_INSENSITIVE, CodeKey.source());
        try {
            CodeKey.use(CodeKey.CASE_SENSITIVE);
            assertEquals("cash", CodeKey.source().of("cash"));
        } finally {
            CodeKey.use(null);
        }
        assertEquals(CodeKey.CASE_INSENSITIVE, CodeKey.source());
    }

    /**
     * A column with a collation of its own compares as it says, not as the database does (PAY_CODE CHAR(4) COLLATE
     * Latin1_General_CS_AS in a case-insensitive AIM: 'CASH' and 'cash' are two codes); its name is kept only where it
     * compares otherwise than the database's (a TDS server names every column's collation its own way).
     */
    @Test
    void eachColumnComparesAsItsOwnCollationSays() {
        try {
            CodeKey.use("SQL_Latin1_General_CP1_CI_AS", Map.of("PAYTYPE.PAY_CODE", "Latin1_General_CS_AS",
                    "tktpay.pay_code", "Latin1_General_CS_AS", "CUST.ACCT_NO", "bbf_unicode_cp1_ci_as"));
            CodeKey pay = CodeKey.column("PAYTYPE", "PAY_CODE");
            assertTrue(pay.caseSensitive());
            assertFalse(pay.same("CASH", "cash"));
            assertTrue(pay.same(" CASH ", "CASH"));
            assertEquals("PAY_CODE's collation, Latin1_General_CS_AS", pay.whose("PAY_CODE"));
            assertEquals(pay, CodeKey.column("TktPay", "Pay_Code"), "names in any case, as Babelfish gives them");
            CodeKey acct = CodeKey.column("CUST", "ACCT_NO");
            assertEquals(CodeKey.CASE_INSENSITIVE, acct, "the database's comparison, under another name: no name to give");
            assertEquals("AIM's collation", acct.whose("ACCT_NO"));
            assertEquals(CodeKey.CASE_INSENSITIVE, CodeKey.column("ARACCT", "STATUS"), "a column the server did not name: the database's");
            assertEquals(CodeKey.CASE_INSENSITIVE, CodeKey.source());

            CodeKey.use("Latin1_General_CS_AS", Map.of("ARACCT.STATUS", "SQL_Latin1_General_CP1_CI_AS"));
            assertTrue(CodeKey.column("RENTCONT", "STATUS").caseSensitive());
            assertEquals("O", CodeKey.column("ARACCT", "STATUS").ofTrimmedAsSql(" o "), "a case-insensitive column of a case-sensitive AIM");
            assertEquals("SQL_Latin1_General_CP1_CI_AS", CodeKey.column("ARACCT", "STATUS").collation());

            CodeKey.use(CodeKey.CASE_INSENSITIVE);
            assertEquals(CodeKey.CASE_INSENSITIVE, CodeKey.column("ARACCT", "STATUS"), "one comparison for the database forgets the columns'");
        } finally {
            CodeKey.use(null);
        }
    }
}
