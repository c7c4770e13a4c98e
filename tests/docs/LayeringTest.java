package tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tests.support.TestSupport;

/**
 * The packages of lib/ in one direction: source rows, then slice rules, then
 * the target, then the report. A package may use only the packages below it in
 * {@link #LAYERS}; imports and fully qualified names count alike.
 */
class LayeringTest {
    /** Bottom first. Packages on one line know nothing of each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("core"),
            List.of("rules", "schema", "sample"),
            List.of("accounts"),
            List.of("source"),
            List.of("target"),
            List.of("slices"),
            List.of("report"),
            List.of("run"),
            List.of("cli"));

    /** Files in lib/ of more than this many lines hold more than one idea. */
    static final int MAX_LINES = 300;

    private static final Pattern USE = Pattern.compile("(?<![\\w.])lib\\.([a-z]+)\\.[A-Z]");

    static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) if (LAYERS.get(i).contains(pkg)) return i;
        return -1;
    }

    /** Every use in {@code source} (a file of package {@code pkg}) of a package that is not below it, as "pkg -> used". */
    static List<String> forbidden(String pkg, String source) {
        List<String> out = new ArrayList<>();
        int own = layer(pkg);
        if (own < 0) return List.of("lib." + pkg + " is in no layer of LayeringTest.LAYERS");
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher m = USE.matcher(code);
        while (m.find()) {
            String used = m.group(1);
            if (used.equals(pkg)) continue;
            int theirs = layer(used);
            if (theirs < 0 || theirs >= own) out.add("lib." + pkg + " -> lib." + used);
        }
        return out;
    }

    static Map<Path, String> sources() throws IOException {
        Map<Path, String> out = new TreeMap<>();
        Path lib = TestSupport.repo().resolve("lib");
        try (Stream<Path> files = Files.walk(lib)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) out.put(lib.relativize(f), Files.readString(f));
        }
        return out;
    }

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        sources().forEach((file, text) -> forbidden(file.getName(0).toString(), text).forEach(e -> wrong.add(file + ": " + e)));
        assertEquals(List.of(), wrong, "uses that run against the layers " + LAYERS);
    }

    @Test
    void theCheckSeesAReverseImportAndAFullyQualifiedName() {
        assertEquals(List.of("lib.source -> lib.report"), forbidden("source", "package lib.source;\nimport lib.report.RunReport;\n"));
        assertEquals(List.of("lib.target -> lib.run"),
                forbidden("target", "package lib.target;\nclass X { lib.run.OutputDir d; /* lib.cli.Cli in a comment */ }\n"));
        assertEquals(List.of("lib.rules -> lib.schema"), forbidden("rules", "import lib.schema.SqlScript;"), "one layer knows nothing of its neighbours");
        assertEquals(List.of(), forbidden("run", "import lib.core.Json;\nimport lib.slices.Slices;\nimport static lib.core.ExitCode.OK;"));
    }

    @Test
    void noFileInLibHoldsMoreThanOneScreenfulOfIdeas() throws IOException {
        List<String> long_ = new ArrayList<>();
        sources().forEach((file, text) -> {
            long lines = text.lines().count();
            if (lines > MAX_LINES) long_.add(file + " (" + lines + " lines)");
        });
        assertEquals(List.of(), long_, "files over " + MAX_LINES + " lines");
    }
}
