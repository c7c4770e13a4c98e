package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import lib.rules.Flag;
import lib.rules.RuleException;
import lib.rules.StatusCode;
import lib.rules.Text;
import org.junit.jupiter.api.Test;

class FlagAndTextTest {
    final List<String> fired = new ArrayList<>();

    @Test
    void flagsInEverySpelling() {
        assertEquals(1, Flag.parse("Y", false, fired::add));
        assertEquals(0, Flag.parse("N", true, fired::add));
        assertEquals(0, Flag.parse("N  ", true, fired::add), "CHAR padding is not a variant");
        assertTrue(fired.isEmpty());
        assertEquals(1, Flag.parse("y", false, fired::add));
        assertEquals(0, Flag.parse(" N ", true, fired::add));
        assertEquals(1, Flag.parse("T", false, fired::add));
        assertEquals(0, Flag.parse("0", true, fired::add));
        assertEquals(List.of("flag_variant", "flag_variant", "flag_variant", "flag_variant"), fired);
        fired.clear();
        assertEquals(1, Flag.parse(null, true, fired::add));
        assertEquals(0, Flag.parse(" ", false, fired::add));
        assertEquals(1, Flag.bit(null, true, fired::add));
        assertEquals(0, Flag.bit(false, true, fired::add));
        assertEquals(List.of("flag_blank", "flag_blank", "flag_blank"), fired);
        assertThrows(RuleException.class, () -> Flag.parse("X", true, fired::add));
    }

    @Test
    void textIsTrimmedAndEmptyIsNull() {
        assertEquals("Smith", Text.clean(" Smith  ", fired::add));
        assertNull(Text.clean("", fired::add));
        assertNull(Text.clean("   ", fired::add));
        assertNull(Text.clean(null, fired::add));
        assertEquals("Zoë", Text.clean("Zoë", fired::add));
        assertEquals("GTR", Text.padded("GTR     ", fired::add));
        assertEquals(List.of("stray_spaces", "empty_string", "empty_string"), fired);
    }

    @Test
    void notesKeepNewlinesTabsAndQuotesButLoseOtherControlCharacters() {
        String keep = "Said \"hi\"\nMom's card\r\n\tindented 🎸";
        assertSame(keep, Text.note(keep, fired::add));
        assertTrue(fired.isEmpty());
        assertEquals("bell in noteescape[0m", Text.note("bell\u0007 in note\u0000escape\u001b[0m", fired::add));
        assertEquals(List.of("control_chars"), fired);
        assertNull(Text.note(" \n ", fired::add));
    }

    /** A note past 1,500,000 bytes of UTF-8 keeps that many at most, never half a character. */
    @Test
    void aNoteTooLongForOneD1RowKeepsItsFirstBytesAndIsCounted() {
        String fits = "x".repeat(Text.NOTE_BYTES);
        assertSame(fits, Text.note(fits, fired::add));
        assertEquals(List.of(), fired);
        String emoji = "x".repeat(Text.NOTE_BYTES - 2) + "\uD83C\uDFB8tail"; // the guitar's 4 bytes would end past the limit
        assertEquals("x".repeat(Text.NOTE_BYTES - 2), Text.note(emoji, fired::add));
        assertEquals("é".repeat(Text.NOTE_BYTES / 2), Text.note("é".repeat(Text.NOTE_BYTES), fired::add));
        assertEquals(List.of("note_cut", "note_cut"), fired);
    }

    @Test
    void aNoteOfOnlyControlCharactersIsNull() {
        assertNull(Text.note("\u0001\u0002\u007F", fired::add));
        assertNull(Text.note("\u0007 \u0000", fired::add), "what is left is a space");
        assertEquals(List.of("control_chars", "empty_string", "control_chars", "empty_string"), fired);
    }

    @Test
    void loneSurrogatesBecomeTheReplacementCharacterPairsStay() {
        String guitar = "\uD83C\uDFB8"; // U+1F3B8 as a surrogate pair
        assertSame(guitar, Text.wellFormed(guitar, fired::add));
        assertTrue(fired.isEmpty());
        assertEquals("a\uFFFDb", Text.wellFormed("a\uD83Cb", fired::add), "high surrogate without its low half");
        assertEquals("\uFFFDx" + guitar + "\uFFFD", Text.wellFormed("\uDFB8x" + guitar + "\uD83C", fired::add), "low alone, a pair, high at the end");
        assertEquals("\uFFFD\uFFFD", Text.wellFormed("\uDFB8\uD83C", fired::add), "low before high is no pair");
        assertEquals(List.of("lone_surrogate", "lone_surrogate", "lone_surrogate"), fired, "once per value");
        fired.clear();
        assertEquals("Zo\uFFFD", Text.clean(" Zo\uD83D", fired::add));
        assertEquals("n\uFFFD\nx", Text.note("n\uDE00\nx", fired::add));
        assertEquals("AB\uFFFD", Text.padded("AB\uD83D  ", fired::add));
        assertEquals(List.of("lone_surrogate", "stray_spaces", "lone_surrogate", "lone_surrogate"), fired);
        fired.clear();
        assertEquals(new lib.rules.Contact.Value(null, "a\uFFFD@b"), lib.rules.Contact.email("a\uD83D@b", fired::add));
        assertEquals(new lib.rules.Contact.Value(null, "\uFFFD"), lib.rules.Contact.phone("\uDE00", "US", fired::add));
        assertEquals(List.of("lone_surrogate", "email_invalid", "lone_surrogate", "phone_unparseable"), fired);
    }

    @Test
    void statusLettersAreSpelledOut() {
        assertEquals("active", StatusCode.spell("A", java.util.Map.of("A", "active"), fired::add));
        assertEquals("unknown", StatusCode.spell("Q", java.util.Map.of("A", "active"), fired::add));
        assertEquals("other", StatusCode.spell(null, java.util.Map.of("A", "active"), "other", fired::add));
        assertEquals(List.of("unknown_status", "unknown_status"), fired);
    }

    /**
     * Spaces around a status letter do not count, a tab or line break does: as T-SQL's LTRIM/RTRIM, which the business
     * figures' UPPER(LTRIM(RTRIM(STATUS))) = 'W' uses, so Helm calls waiting exactly the repairs AIM's side counts.
     */
    @Test
    void aStatusLetterIsTrimmedOfSpacesOnlyAsAimsSqlTrimsIt() {
        java.util.Map<String, String> names = java.util.Map.of("W", "waiting");
        assertEquals("waiting", StatusCode.spell(" w  ", names, fired::add));
        assertEquals(List.of(), fired);
        assertEquals("unknown", StatusCode.spell("\tW", names, fired::add));
        assertEquals("unknown", StatusCode.spell("W\n", names, fired::add));
        assertEquals("unknown", StatusCode.spell("   ", names, fired::add));
        assertEquals(List.of("unknown_status", "unknown_status", "unknown_status"), fired);
    }

    @Test
    void aStatusLetterIsComparedAsAimsCollationComparesIt() {
        java.util.Map<String, String> names = java.util.Map.of("A", "active");
        try {
            lib.rules.CodeKey.use(lib.rules.CodeKey.CASE_INSENSITIVE);
            assertEquals("active", StatusCode.spell(" a ", names, fired::add), "'a' is 'A' under SQL Server's default collation");
            assertTrue(fired.isEmpty(), fired.toString());
            lib.rules.CodeKey.use(lib.rules.CodeKey.CASE_SENSITIVE);
            assertEquals("unknown", StatusCode.spell("a", names, fired::add), "a _CS_ collation keeps them apart");
            assertEquals("active", StatusCode.spell("A ", names, fired::add));
            assertEquals(List.of("unknown_status"), fired);
        } finally {
            lib.rules.CodeKey.use(null);
        }
    }
}
