package lib.rules;

/** Legacy text habits: stray spaces, CHAR padding, empty strings meaning NULL, control characters in notes. */
public final class Text {
    private Text() {}

    /** A VARCHAR value: trimmed (counted as stray_spaces), blank becomes NULL (empty_string). */
    public static String clean(String raw, Tally tally) {
        if (raw == null) return null;
        String s = raw.strip();
        if (s.isEmpty()) {
            tally.add("empty_string");
            return null;
        }
        if (s.length() != raw.length()) tally.add("stray_spaces");
        return s;
    }

    /** A CHAR(n) value: the right padding is the type, not a defect; leading spaces still count. */
    public static String padded(String raw, Tally tally) {
        if (raw == null) return null;
        return clean(raw.stripTrailing(), tally);
    }

    /**
     * Free text (notes): kept byte-exact, newlines and tabs included, except C0 control
     * characters other than tab, LF and CR, which legacy terminals left behind (control_chars).
     * A note of only whitespace becomes NULL.
     */
    public static String note(String raw, Tally tally) {
        if (raw == null) return null;
        if (raw.isBlank()) {
            tally.add("empty_string");
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
        tally.add("control_chars");
        return out.toString();
    }
}
