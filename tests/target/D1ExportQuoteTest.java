package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import lib.target.D1Export;
import org.junit.jupiter.api.Test;

/** The literal D1Export writes for a text: plain when no tool on the way alters it, hex otherwise. */
class D1ExportQuoteTest {
    /** What wrangler (3.78.12 to 4.86.0, src/d1/trimmer.ts) does to a whole file before splitting it. */
    static String wranglerTrim(String sql) {
        if (!sql.contains("BEGIN TRANSACTION")) return sql;
        String trimmed = sql.replace("BEGIN TRANSACTION;", "").replace("COMMIT;", "");
        if (trimmed.contains("BEGIN TRANSACTION")) throw new IllegalStateException("contains several transactions");
        return trimmed;
    }

    static String unhex(String literal) {
        assertTrue(literal.startsWith("CAST(X'") && literal.endsWith("' AS TEXT)"), literal);
        return new String(HexFormat.of().parseHex(literal.substring(7, literal.length() - 10)), StandardCharsets.UTF_8);
    }

    @Test
    void transactionWordsInAnyCaseAreWrittenAsHexThatWranglerCannotTouch() {
        List<String> texts = List.of("customer said: BEGIN TRANSACTION; then COMMIT; and left", "COMMIT;", "begin transaction;",
                "Begin Transaction", "commit;", "CoMmIt");
        StringBuilder file = new StringBuilder();
        for (String t : texts) {
            String literal = D1Export.quote(t);
            assertEquals(t, unhex(literal));
            file.append("INSERT INTO t (s) VALUES (").append(literal).append(");\n");
        }
        assertEquals(file.toString(), wranglerTrim(file.toString()), "two such notes in one file stay as they are");
    }

    @Test
    void ordinaryTextAndSplitterMarkersStayPlainLiterals() {
        // wrangler's splitter reads a '...' literal to its closing quote: ';', '--', '/*' and '$' in one are safe.
        assertEquals("'Mom''s card; don''t charge dad'", D1Export.quote("Mom's card; don't charge dad"));
        assertEquals("'a -- b /* c */ $$ d'", D1Export.quote("a -- b /* c */ $$ d"));
        assertEquals("'Zoë 🎸'", D1Export.quote("Zoë 🎸"));
        assertEquals("line\nbreak", unhex(D1Export.quote("line\nbreak")));
        assertEquals("nul\u0000", unhex(D1Export.quote("nul\u0000")));
    }

    @Test
    void theBytesWrittenAreTheLiteralInUtf8ForAnyText() {
        // Texts drawn from every class of character the encoder treats apart: ASCII, the quote, control characters,
        // two- and three-byte characters at their edges, pairs, unpaired surrogates, and wrangler's words.
        String[] pool = {"a", "Z", "'", "''", " ", ";", "\n", "\r", "\u0000", "\u001F", "\u007F", "\u0080", "é", "\u07FF", "\u0800", "€", "\uFFFD",
                "\uFFFF", "🎸", "\uD800\uDC00", "\uDBFF\uDFFF", "\uD800", "\uDFFF", "x\uD83C", "commit", "TRANSACTION", "CoMmIt"};
        java.util.Random random = new java.util.Random(20261127);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder t = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) t.append(pool[random.nextInt(pool.length)]);
            String text = t.toString();
            assertArrayEquals(D1Export.quote(text).getBytes(StandardCharsets.UTF_8), D1Export.literalUtf8(text), text);
        }
    }

    @Test
    void aTextIsWrittenAsHexExactlyWhenACaseBlindComparisonFindsWranglersWords() {
        // Pieces of the words, their letters in both cases, and the chars Java's case-blind comparison takes for the
        // words' letters (long s for s, dotted and dotless i for i): "tran" + long s + "action" and "transact" + dotted
        // i + "on" are the words to regionMatches, which a second letter r or o, matched in ASCII alone, must not miss.
        String[] pool = {"t", "T", "r", "R", "c", "C", "o", "O", "transactio", "TRANSACTIO", "tr", "co", "commi", "COMMI", "n", "N", "t",
                "m", "M", "ansaction", "mmit", "\u017F", "\u0130", "\u0131", "tran", "action", "transact", "on", "comm", "a", "é", " "};
        java.util.Random random = new java.util.Random(20261128);
        int hex = 0, folded = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder t = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) t.append(pool[random.nextInt(pool.length)]);
            String text = t.toString();
            boolean word = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                word |= (c == 't' || c == 'T') && text.regionMatches(true, i, "transaction", 0, 11)
                        || (c == 'c' || c == 'C') && text.regionMatches(true, i, "commit", 0, 6);
            }
            String literal = D1Export.quote(text);
            assertEquals(word, literal.startsWith("CAST(X'"), text);
            assertArrayEquals(literal.getBytes(StandardCharsets.UTF_8), D1Export.literalUtf8(text), text);
            if (word) hex++;
            if (word && text.chars().anyMatch(c -> c == 0x17F || c == 0x130 || c == 0x131)) folded++;
        }
        assertTrue(hex > 1_000, "the pool makes the words often: " + hex);
        assertTrue(folded > 20, "and words with a folded letter too: " + folded);
    }
}
