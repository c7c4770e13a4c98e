package lib.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, of a file (streamed), of bytes, or of parts fed one after another ({@link Sha256}). */
public final class Hashes {
    private Hashes() {}

    public static String sha256(Path file) throws IOException {
        Sha256 sha = new Sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
        }
        return sha.hex();
    }

    public static String sha256(byte[] bytes) {
        return new Sha256().update(bytes).hex();
    }

    /** One digest per thread for {@link #sha256Bytes}: looking SHA-256 up among the providers costs more than hashing a key. */
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Hashes::digest);

    /** The 32 bytes themselves, for what derives a number from them (ids). */
    public static byte[] sha256Bytes(byte[] bytes) {
        return PER_THREAD.get().digest(bytes); // digest() leaves it reset for the next key
    }

    /** A SHA-256 over parts given in order (a file as it is written, or names and contents of several files). */
    public static final class Sha256 {
        private final MessageDigest md = digest();

        public Sha256 update(byte[] bytes) {
            md.update(bytes);
            return this;
        }

        public Sha256 update(byte[] bytes, int offset, int length) {
            md.update(bytes, offset, length);
            return this;
        }

        /** The hash of everything given so far, as hex; the hasher starts again empty. */
        public String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** A new SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
