package tests.core;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.Pty;
import tests.support.TestSupport;

/**
 * A correct password that is not ASCII, under LANG=C (cron, a bare ssh, a minimal container): Java decodes the
 * terminal and the environment by the locale, US-ASCII there, and every non-ASCII byte became U+FFFD, so a correct
 * password was refused as "check the password" (helper-48's trial). A terminal sends what its user typed, UTF-8 on
 * most; the environment holds the bytes the shell was given. The source here is an H2 file whose login has that
 * password: a login that works ends in exit 4 (no AIM tables in it), a refused one in exit 3.
 */
@Tag("slow")
class PasswordLocaleTest {
    /** "Zoë-Müller-Ñ!" */
    private static final String PASSWORD = "Zo\u00eb-M\u00fcller-\u00d1!";
    private static final Map<String, String> C_LOCALE = Map.of("LANG", "C", "LC_ALL", "C");

    private static String aimWithPassword(Path tmp) throws Exception {
        String url = "jdbc:h2:" + tmp.resolve("aim").toAbsolutePath();
        try (Connection made = DriverManager.getConnection(url, "aim", PASSWORD)) {
            assertNotNull(made);
        }
        return url;
    }

    @Test
    void aPasswordTypedAtATerminalUnderTheCLocale(@TempDir Path tmp) throws Exception {
        String url = aimWithPassword(tmp);
        Pty.Session s = Pty.run(TestSupport.repo(), List.of("env", "-u", "AIM_PASSWORD", "-u", "AIM_TERMINAL_PROMPT", "./jbang", "MigrateAim.java",
                "--check-source", "--source", url, "--user", "aim"), C_LOCALE, screen -> screen.contains("Password for aim: "), PASSWORD + "\r");
        assertTrue(s.typed(), s.screen());
        assertEquals(4, s.exit(), "the login took the password (then found no AIM tables): " + s.screen());
        assertFalse(s.screen().contains("login failed"), s.screen());
    }

    @Test
    void aPasswordInTheEnvironmentUnderTheCLocale(@TempDir Path tmp) throws Exception {
        String url = aimWithPassword(tmp);
        StringBuilder escaped = new StringBuilder(); // the shell makes the bytes itself: this JVM's own locale does not come into it
        for (byte b : PASSWORD.getBytes(StandardCharsets.UTF_8)) escaped.append(String.format("\\x%02x", b & 0xff));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "export AIM_PASSWORD=\"$(printf '" + escaped + "')\"; exec ./jbang MigrateAim.java "
                + "--check-source --source '" + url + "' --user aim").directory(TestSupport.repo().toFile()).redirectErrorStream(true);
        pb.environment().remove("AIM_PASSWORD");
        pb.environment().put("AIM_TERMINAL_PROMPT", "0");
        pb.environment().putAll(C_LOCALE);
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(4, p.waitFor(), "the login took the password (then found no AIM tables): " + said);
        assertFalse(said.contains("login failed"), said);
    }
}
