package lib.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lib.core.ExitCode;
import lib.core.MigrationException;

/** The salt of a redacted run (--redact): from a file or env AIM_REDACT_SALT, at least 8 bytes, never written anywhere. */
public final class RedactSalt {
    private RedactSalt() {}

    /** The pseudonyms for a salt read from {@code saltFile} when given, else from env AIM_REDACT_SALT. */
    public static Pseudonym pseudonym(Path saltFile, Map<String, String> env) {
        byte[] salt;
        if (saltFile != null) {
            try {
                salt = new String(Files.readAllBytes(saltFile), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MigrationException(ExitCode.BAD_INPUT, "cannot read the salt file " + saltFile + ": " + e.getMessage());
            }
        } else if (env.get("AIM_REDACT_SALT") != null) {
            salt = env.get("AIM_REDACT_SALT").getBytes(StandardCharsets.UTF_8);
        } else {
            throw new MigrationException(ExitCode.BAD_INPUT, "--redact needs a salt: set AIM_REDACT_SALT or pass --redact-salt-file FILE "
                    + "(keep it private and the same across runs, so pseudonyms stay stable)");
        }
        if (salt.length < 8) throw new MigrationException(ExitCode.BAD_INPUT, "the redaction salt must be at least 8 bytes");
        return new Pseudonym(salt);
    }
}
