package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import lib.rules.Pseudonym;
import org.junit.jupiter.api.Test;

/** --redact: a birth date keeps its year, a ZIP code its area; in Helm's columns and in the AIM values of rejects/ alike. */
class PseudonymTest {
    final Pseudonym p = new Pseudonym("a-test-salt".getBytes(StandardCharsets.UTF_8));

    @Test
    void aBirthDateKeepsOnlyItsYear() {
        assertTrue(Pseudonym.helmColumn("customers", "birth_date") && Pseudonym.aimColumn("BIRTH_DATE"));
        assertEquals("1985-01-01", p.of("birth_date", "1985-03-02"));
        assertEquals("1985-01-01", p.of("BIRTH_DATE", "1985-03-02T14:30"));
        assertNull(p.of("BIRTH_DATE", "not a date"));
        assertNull(p.of("birth_date", null));
    }

    @Test
    void aZipCodeKeepsItsFirstThreeCharacters() {
        assertTrue(Pseudonym.helmColumn("customers", "zip") && Pseudonym.aimColumn("ZIP"));
        assertEquals("606", p.of("zip", "60614-1234"));
        assertEquals("606", p.of("ZIP", "60614     "));
        assertEquals("K1A", p.of("zip", "K1A 0B1"));
        assertEquals("12", p.of("zip", "12"));
    }
}
