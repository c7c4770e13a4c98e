package lib.rules;

/**
 * Legacy text habits: stray spaces, CHAR padding, empty strings meaning NULL, control characters
 * in notes, and UTF-16 that is not well formed. Every text a slice writes passes {@link #wellFormed}
 * (through clean, padded, note, or Contact's phone and e-mail).
 */
public final class Text {
    private Text() {}

    /** A VARCHAR value: trimmed (counted as stray_spaces), blank becomes NULL (empty_string). */
    public static String clean(String raw, Tally tally) {
        if (raw == null) return null;
        raw = wellFormed(raw, tally);
        String s = raw.strip();
        if (s.isEmpty()) {
            tally.add("empty_string", null);
            return null;
        }
        if (s.length() != raw.length()) tally.add("stray_spaces", s);
        return s;
    }

    /** A CHAR(n) value: the right padding is the type, not a defect; leading spaces still count. */
    public static String padded(String raw, Tally tally) {
        if (raw == null) return null;
        return clean(raw.stripTrailing(), tally);
    }

    /**
     * An NVARCHAR can hold half of a surrogate pair (UTF-16 cut in the middle of an emoji, say);
     * UTF-8 cannot, and SQLite would store '?' for it. Each lone surrogate becomes U+FFFD, the
     * replacement character (lone_surrogate, once per value).
     */
    public static String wellFormed(String raw, Tally tally) {
        if (raw == null) return null;
        int i = 0, n = raw.length();
        while (i < n && !Character.isSurrogate(raw.charAt(i))) i++;
        if (i == n) return raw;
        StringBuilder out = new StringBuilder(n).append(raw, 0, i);
        boolean replaced = false;
        for (; i < n; i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(raw.charAt(i + 1))) {
                out.append(c).append(raw.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
                replaced = true;
            } else {
                out.append(c);
            }
        }
        if (!replaced) return raw;
        String fixed = out.toString();
        tally.add("lone_surrogate", fixed);
        return fixed;
    }

    /**
     * Free text (notes): kept byte-exact, newlines and tabs included, except C0 control
     * characters other than tab, LF and CR, which legacy terminals left behind (control_chars).
     * A note of only whitespace, or nothing else once those are gone, becomes NULL (empty_string). A note past
     * {@link #NOTE_BYTES} keeps its first that many bytes (note_cut; fixes/ keeps it whole): D1 holds no row over 2 MB,
     * and a sale or a customer is not to be left out of Helm for the length of a note.
     */
    public static String note(String raw, Tally tally) {
        String kept = noControls(raw, tally);
        if (kept == null || kept.length() <= NOTE_BYTES / 3) return kept; // at most 3 bytes of UTF-8 a char: fits
        int bytes = 0;
        for (int i = 0; i < kept.length(); ) {
            int c = kept.codePointAt(i), size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes + size > NOTE_BYTES) {
                String cut = kept.substring(0, i);
                tally.add("note_cut", cut);
                return cut;
            }
            bytes += size;
            i += Character.charCount(c);
        }
        return kept;
    }

    /** The most UTF-8 bytes a note keeps: with the rest of its row (names, codes: a few kB), well under D1's 2 MB a row. */
    public static final int NOTE_BYTES = 1_500_000;

    private static String noControls(String raw, Tally tally) {
        if (raw == null) return null;
        raw = wellFormed(raw, tally);
        if (raw.isBlank()) {
            tally.add("empty_string", null);
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F;
            if (control && out == null) {
                out = new StringBuilder(raw.length());
                out.append(raw, 0, i);
            } else if (!control && out != null) {
                out.append(c);
            }
        }
        if (out == null) return raw;
        String kept = out.toString().isBlank() ? null : out.toString();
        tally.add("control_chars", kept);
        if (kept == null) tally.add("empty_string", null);
        return kept;
    }
}
