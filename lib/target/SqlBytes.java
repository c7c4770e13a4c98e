package lib.target;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A statement of a D1 file as UTF-8 bytes, built in place: the literals {@link D1Export#quote} gives, encoded as
 * they are appended, so a row is neither a String nor encoded twice.
 */
final class SqlBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf = new byte[1 << 14];
    private int len;
    /** The unpaired surrogates written as '?' since {@link #literal} began (it counts a text's UTF-8 bytes with them). */
    private int lone;
    /** See {@link #asciiHash()}. */
    private int asciiHash;

    int length() {
        return len;
    }

    void reset() {
        len = 0;
    }

    private void room(int more) {
        if (len + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    SqlBytes put(char ascii) {
        room(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    SqlBytes put(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    SqlBytes put(SqlBytes other) {
        room(other.len);
        System.arraycopy(other.buf, 0, buf, len, other.len);
        len += other.len;
        return this;
    }

    /** Text known to be ASCII (numbers, keywords). */
    SqlBytes ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) buf[len++] = (byte) s.charAt(i);
        return this;
    }

    /**
     * An integer in decimal, as {@link Long#toString(long)} writes it, without a String on the way. C1, the scripts'
     * only compiler, makes a long division a call into the JVM: the digits of an int (ids, most amounts) divide as ints.
     */
    SqlBytes decimal(long v) {
        if (v == Long.MIN_VALUE) return ascii(Long.toString(v)); // no positive twin to negate into
        room(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        while (v > Integer.MAX_VALUE) {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        }
        int n = (int) v;
        do {
            int q = (int) ((n * 0xCCCCCCCDL) >>> 35); // n / 10 for any int n >= 0, as a multiplication (C1 divides in a call)
            buf[len++] = (byte) ('0' + n - 10 * q);
            n = q;
        } while (n != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** Any text, as UTF-8 (an unpaired surrogate as '?', as Java's encoder writes it). */
    SqlBytes utf8(String s) {
        int n = s.length();
        room(3 * n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) buf[len++] = (byte) c;
            else i = nonAscii(s, i, c);
        }
        return this;
    }

    /**
     * The literal {@link D1Export#quote} gives for {@code s}, as UTF-8: written as '...' in one pass over the text,
     * and written again as hex when that pass meets what {@link D1Export#needsHex} looks for. Returns the text's
     * UTF-8 bytes as {@link RowFaults#utf8Length} counts them, counted on the way (the row's size for D1's limits).
     */
    long literal(String s) {
        int mark = len;
        put('\'');
        lone = 0;
        int quotes = quoted(s);
        if (quotes >= 0) {
            long bytes = len - mark - 1 - quotes + 2L * lone; // a lone surrogate, written as '?', counts as its three bytes
            put('\'');
            return bytes;
        }
        len = mark;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ascii("CAST(X'");
        room(2 * utf8.length);
        for (byte b : utf8) {
            buf[len++] = HEX[(b >> 4) & 0xF];
            buf[len++] = HEX[b & 0xF];
        }
        ascii("' AS TEXT)");
        return RowFaults.utf8Length(s);
    }

    /**
     * As {@link #literal}, for a text given as its UTF-8 bytes, when they are all ASCII (most texts): written from the
     * bytes, with no String's chars to encode (the rest of the bytes are looked at again only for a text written as hex).
     * Returns the bytes of the text, or -1 (and nothing written) when one is not ASCII: {@link #literal} writes that text
     * then. Of an ASCII text, {@link #asciiHash} is then the hash its String would have, worked out on the way.
     */
    long literalAscii(byte[] utf8) {
        int n = utf8.length, mark = len, h = 0;
        room(2 * n + 2);
        buf[len++] = '\'';
        for (int i = 0; i < n; i++) {
            byte b = utf8[i];
            if (b < 0x20 || b == 0x7F || wordAt(utf8, i, b)) {
                len = mark;
                for (int k = i; k < n; k++) {
                    if (utf8[k] < 0) return -1;
                    h = 31 * h + utf8[k];
                }
                asciiHash = h;
                ascii("CAST(X'");
                room(2 * n);
                for (byte c : utf8) {
                    buf[len++] = HEX[(c >> 4) & 0xF];
                    buf[len++] = HEX[c & 0xF];
                }
                ascii("' AS TEXT)");
                return n;
            }
            h = 31 * h + b;
            if (b == '\'') buf[len++] = '\'';
            buf[len++] = b;
        }
        buf[len++] = '\'';
        asciiHash = h;
        return n;
    }

    /** {@link String#hashCode} of the ASCII text {@link #literalAscii} wrote last. */
    int asciiHash() {
        return asciiHash;
    }

    private static final byte[] TRANSACTION = "transaction".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMIT = "commit".getBytes(StandardCharsets.US_ASCII);

    /** {@link D1Export#wordAt} for ASCII bytes: every letter of the two words matches itself in either case, and nothing else. */
    private static boolean wordAt(byte[] text, int i, byte b) {
        byte[] word = (b | 0x20) == 't' ? TRANSACTION : (b | 0x20) == 'c' ? COMMIT : null;
        if (word == null || text.length - i < word.length) return false;
        for (int k = 1; k < word.length; k++) {
            if ((text[i + k] | 0x20) != word[k]) return false;
        }
        return true;
    }

    /**
     * {@code s} as UTF-8 with its quotes doubled; returns how many quotes were doubled, or -1 (and bytes to drop) when
     * {@link D1Export#needsHex} is true of it.
     */
    private int quoted(String s) {
        int n = s.length(), quotes = 0;
        room(3 * n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == 0x7F || D1Export.wordAt(s, i, c)) return -1;
                if (c == '\'') {
                    buf[len++] = '\''; // two bytes for one char: within the room of three
                    quotes++;
                }
                buf[len++] = (byte) c;
            } else {
                i = nonAscii(s, i, c);
            }
        }
        return quotes;
    }

    /** Writes the char at {@code i}, not ASCII, and the low surrogate after it when they pair; returns the index of the last char written. */
    private int nonAscii(String s, int i, char c) {
        if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | (c >> 6));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[len++] = '?';
                lone++;
            }
        } else {
            buf[len++] = (byte) (0xE0 | (c >> 12));
            buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        }
        return i;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    byte[] toByteArray() {
        return java.util.Arrays.copyOf(buf, len);
    }
}
