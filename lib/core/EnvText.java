package lib.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text a person typed that reaches the JVM as bytes: an environment variable, a line at the terminal. Java 17 decodes
 * both by the locale (sun.jnu.encoding, fixed at start), US-ASCII under LANG=C (cron, a bare ssh, a minimal
 * container), where each non-ASCII byte becomes U+FFFD and a correct password is refused. A terminal sends what its
 * user typed, UTF-8 on most; so bytes that are UTF-8 are read as UTF-8, and others in the locale's charset.
 */
public final class EnvText {
    private EnvText() {}

    /** {@code bytes} as UTF-8 when they are that, else in {@code locale}. */
    public static String decode(byte[] bytes, Charset locale) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, locale);
        }
    }

    /** The locale's charset, by which Java decoded the environment. */
    public static Charset locale() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }

    /**
     * The value of this process's environment variable {@code name}, {@code decoded} as {@code System.getenv} gave it,
     * read again from the bytes the process was given (Linux: /proc/self/environ) when the locale may have changed it.
     */
    public static String value(String name, String decoded) {
        if (decoded == null || ascii(decoded) || locale().equals(StandardCharsets.UTF_8)) return decoded;
        byte[] raw = decoded.equals(System.getenv(name)) ? rawValue(name) : null; // another process's value (a warm JVM's client) is taken as given
        return value(name, decoded, raw, locale());
    }

    /**
     * {@code decoded} (Java's reading of the variable in {@code locale}) as the person meant it, from {@code raw}, its
     * bytes, when known. Without them, a value the locale garbled (U+FFFD) is refused in one line saying why: "check the
     * password" would send the operator after the wrong thing.
     */
    public static String value(String name, String decoded, byte[] raw, Charset locale) {
        if (decoded == null || ascii(decoded) || locale.equals(StandardCharsets.UTF_8)) return decoded;
        if (raw != null) return decode(raw, locale);
        if (decoded.indexOf('\ufffd') >= 0) {
            throw new MigrationException(ExitCode.BAD_INPUT, name + " holds characters this locale's charset (" + locale.name() + ", e.g. LANG=C) "
                    + "cannot pass to Java intact: run with a UTF-8 locale (export LC_ALL=C.UTF-8), or unset " + name + " and type the password at the prompt");
        }
        return decoded;
    }

    /** Whether {@code s} is plain ASCII, read alike in every locale. */
    public static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** The bytes of {@code name}'s value in this process's initial environment (Linux), or null. */
    private static byte[] rawValue(String name) {
        try {
            byte[] all = Files.readAllBytes(Path.of("/proc/self/environ"));
            byte[] key = (name + "=").getBytes(StandardCharsets.US_ASCII);
            for (int start = 0; start < all.length; ) {
                int end = start;
                while (end < all.length && all[end] != 0) end++;
                if (end - start >= key.length && java.util.Arrays.equals(all, start, start + key.length, key, 0, key.length)) {
                    return java.util.Arrays.copyOfRange(all, start + key.length, end);
                }
                start = end + 1;
            }
        } catch (IOException | RuntimeException notLinux) {
            // no such file: the value stands as Java read it
        }
        return null;
    }
}
