package tests.support;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lib.sample.TsqlColumn;
import tests.support.AnyAim.Exclude;
import tests.support.AnyAim.Options;

/**
 * {@link AnyAim}'s text: what a CHAR or VARCHAR column can hold (code page 1252, NUL and control characters included),
 * what an NCHAR or NVARCHAR can (any UTF-16 code unit), codes that collide after trimming or case folding, and long notes.
 */
final class AnyText {
    private AnyText() {}

    private static final Charset CP1252 = Charset.forName("windows-1252");

    /**
     * Text: a VARCHAR/CHAR holds what code page 1252 can (NUL and every control character
     * included); an NVARCHAR any UTF-16 code unit, lone surrogates too; NVARCHAR(MAX) up to 3 MB.
     */
    static Gen<String> text(TsqlColumn c, Options o) {
        boolean unicode = c.type().startsWith("N");
        int max = c.length() == Integer.MAX_VALUE ? 300 : c.length();
        Gen<Character> chars = unicode ? unicodeChars(o) : cp1252Chars(o);
        Gen<String> any = chars.list(max).map(AnyText::join);
        Gen<String> padded = any.map(s -> (" " + s + "  ").substring(0, Math.min(max, s.length() + 3)));
        List<Gen.Weighted<? extends String>> kinds = new ArrayList<>(List.of(
                Gen.weighted(5, any), Gen.weighted(1, padded),
                Gen.weighted(1, Gen.of("", " ", "\t", "Zoë", "O'Brien \"Jr\"", "(312) 555-0100", "+1 312.555.0100 x12",
                        "ANN.LEE@Example.COM ", "line1\r\nline2").filter(s -> s.length() <= max && (unicode || CP1252.newEncoder().canEncode(s))))));
        if (AnyAim.CODE_COLUMNS.contains(c.name())) {
            kinds.add(Gen.weighted(12, Gen.of(AnyAim.CODES).filter(s -> s.length() <= max
                    && !(o.has(Exclude.KEYS_EQUAL_AFTER_TRIM) && !s.isBlank() && !s.equals(s.strip())))));
        }
        if (c.length() == Integer.MAX_VALUE && o.hugeText()) {
            kinds.add(Gen.weighted(1, huge(o)));
        }
        Gen<String> out = Gen.frequency(kinds);
        if (o.has(Exclude.BLANK_CODES) && AnyAim.CODE_COLUMNS.contains(c.name()) && !c.nullable()) out = out.filter(s -> !s.isBlank());
        if (o.has(Exclude.KEYS_EQUAL_AFTER_TRIM) && AnyAim.CODE_COLUMNS.contains(c.name())) out = out.map(s -> s.isBlank() ? s : s.strip());
        if (o.has(Exclude.CONTROL_CHARS_IN_SHORT_TEXT) && c.length() != Integer.MAX_VALUE) out = out.map(AnyText::withoutControls);
        return out;
    }

    static String withoutControls(String s) {
        return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
    }

    /** A long note: 100 KB to 3 MB of repeated random text (the D1 statement and row limits are 100 KB and 2 MB). */
    static Gen<String> huge(Options o) {
        return r -> {
            int length = r.nextInt(4) == 0 ? 3_000_000 - r.nextInt(1000) : 100_000 + r.nextInt(2_900_000);
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < 997; i++) chunk.append(unicodeChar(r, o));
            StringBuilder sb = new StringBuilder(length + 1000);
            while (sb.length() < length) sb.append(chunk);
            sb.setLength(length);
            if (Character.isHighSurrogate(sb.charAt(length - 1)) && !o.loneSurrogates()) sb.setLength(length - 1);
            return sb.toString();
        };
    }

    private static char unicodeChar(SplittableRandom r, Options o) {
        while (true) {
            int k = r.nextInt(10);
            char c = k < 5 ? (char) (0x20 + r.nextInt(0x5F)) : k < 7 ? (char) r.nextInt(0x20) : (char) r.nextInt(0x10000);
            if (!o.nul() && c == 0) continue;
            if (!o.loneSurrogates() && Character.isSurrogate(c)) continue;
            return c;
        }
    }

    static Gen<Character> unicodeChars(Options o) {
        Gen<Character> any = Gen.chars('\u0000', '\uFFFF');
        Gen<Character> low = Gen.chars('\u0000', '\u007F');
        Gen<Character> edges = Gen.of('\u0000', '\u0007', '\u001F', '\u007F', '\'', '"', '\\', '\n', '\r', '\t', '\u00A0', '\u2028',
                '\uFEFF', '\uD83D', '\uDE00', '\uFFFD', '\uFFFF', 'ë', 'Ñ');
        Gen<Character> chars = Gen.frequency(Gen.weighted(4, low), Gen.weighted(3, any), Gen.weighted(2, edges));
        return chars.filter(c -> (o.nul() || c != 0) && (o.loneSurrogates() || !Character.isSurrogate(c)));
    }

    /** Every character code page 1252 can hold (U+0000..U+20AC covers them all). */
    private static final List<Character> CP1252_CHARS = java.util.stream.IntStream.rangeClosed(0, 0x20AC).mapToObj(i -> (char) i)
            .filter(ch -> CP1252.newEncoder().canEncode(ch)).toList();

    static Gen<Character> cp1252Chars(Options o) {
        Gen<Character> any = Gen.of(CP1252_CHARS);
        Gen<Character> low = Gen.chars('\u0000', '\u007F');
        return Gen.frequency(Gen.weighted(4, low), Gen.weighted(2, any)).filter(c -> o.nul() || c != 0);
    }

    static String join(List<Character> cs) {
        StringBuilder sb = new StringBuilder(cs.size());
        for (char c : cs) sb.append(c);
        return sb.toString();
    }

}
