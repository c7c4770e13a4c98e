package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

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
        for (String c : new String[] {"Latin1_General_CS_AS", "Latin1_General_100_CS_AS_SC", "Latin1_General_BIN", "Latin1_General_BIN2"}) {
            CodeKey cs = CodeKey.forCollation(c);
            assertTrue(cs.caseSensitive(), c);
            assertEquals("cash", cs.of(" cash "), c);
            assertFalse(cs.same("cash", "CASH"), c);
        }
        assertFalse(CodeKey.forCollation(null).caseSensitive(), "a server that does not say: SQL Server's default, case-insensitive");
        assertFalse(CodeKey.forCollation("Latin1_General_CI_AI").caseSensitive());
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
}
