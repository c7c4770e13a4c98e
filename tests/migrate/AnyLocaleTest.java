package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import lib.cli.ExtractMigrationsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * Same input, same bytes on any machine: a run whose JVM starts in another default locale writes the files a run
 * in this machine's locale writes. Arabic (Egypt) writes other digits, German other separators, Turkish another
 * capital of i, Thai with its numbering system other digits again.
 */
class AnyLocaleTest {
    static final List<Locale> LOCALES = List.of(Locale.forLanguageTag("ar-EG"), Locale.GERMANY,
            Locale.forLanguageTag("tr-TR"), Locale.forLanguageTag("th-TH-u-nu-thai"));

    /** The files whose text holds the run's own clock and timings; compared with every number written as 9. */
    static final Set<String> TIMED = Set.of("report.md", "signoff.md", "report.json", "manifest.json", "last-run.json");

    /**
     * A run's clock and timings differ from run to run, so in the timed files each number becomes 9: ASCII digits
     * with commas between them (a grouped thousand), not a point. A number written in another locale's digits or
     * separators (1.234 for 1,234; 0,09 for 0.09) then still differs from this machine's.
     */
    static String masked(String text) {
        return text.replaceAll("[0-9](?:[0-9,]*[0-9])?", "9");
    }

    static Map<String, byte[]> files(Path out) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(p).toString().replace('\\', '/');
                if (name.equals(".lock")) continue;
                byte[] bytes = Files.readAllBytes(p);
                files.put(name, TIMED.contains(name) ? masked(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : bytes);
            }
        }
        return files;
    }

    /** Runs {@code work} with the JVM's default locale (every category) set to {@code locale}, then restores it. */
    static void under(Locale locale, ThrowingRunnable work) throws Exception {
        Locale all = Locale.getDefault(), format = Locale.getDefault(Locale.Category.FORMAT),
                display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(locale);
        try {
            work.run();
        } finally {
            Locale.setDefault(all);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aMigrationStartedInAnyLocaleWritesTheSameFilesAndNumbers(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> expected = files(SampleRun.full());
        assertTrue(expected.containsKey("d1/0004_sales.sql"), expected.keySet().toString());
        for (Locale locale : LOCALES) {
            Path out = tmp.resolve(locale.toLanguageTag());
            under(locale, () -> {
                TestSupport.Run r = SampleRun.migrate(out, "--all", "--sample");
                assertEquals(0, r.exit(), locale + ": " + r.all());
            });
            Map<String, byte[]> actual = files(out);
            assertEquals(expected.keySet(), actual.keySet(), "the files written under " + locale);
            for (String name : expected.keySet()) {
                assertArrayEquals(expected.get(name), actual.get(name), name + " under " + locale + (TIMED.contains(name)
                        ? ":\n" + new String(actual.get(name), StandardCharsets.UTF_8).lines().limit(12).toList() : ""));
            }
        }
    }

    @Test
    void theMigrationsExtractedInAnyLocaleAreNamedAndWrittenAlike(@TempDir Path tmp) throws Exception {
        Path spec = TestSupport.repo().resolve("migrations/schema-spec.md"), here = tmp.resolve("here");
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), spec.toString(), "--out", here.toString()).exit());
        Map<String, byte[]> expected = files(here);
        assertTrue(expected.containsKey("0004_sales.sql"), expected.keySet().toString());
        for (Locale locale : LOCALES) {
            Path out = tmp.resolve(locale.toLanguageTag());
            under(locale, () -> assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), spec.toString(), "--out", out.toString()).exit()));
            Map<String, byte[]> actual = files(out);
            assertEquals(expected.keySet(), actual.keySet(), "the files written under " + locale);
            for (String name : expected.keySet()) assertArrayEquals(expected.get(name), actual.get(name), name + " under " + locale);
        }
    }
}
