package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tests.support.TestSupport;

/**
 * Every text a slice reads reaches Helm through a rule that makes it well formed (Text.clean,
 * padded, note, wellFormed; Contact.phone, email) or is reduced to a fixed word (Flag, StatusCode,
 * a payment method's code): no text column can carry a lone surrogate into SQLite unnoticed.
 */
class SourceTextTest {
    static final Pattern READ = Pattern.compile("([A-Za-z.]*)\\(?(?:[a-z]+, )?r\\.str\\(\"([A-Z_0-9]+)\"\\)");
    static final List<String> RULES = List.of("Text.clean", "Text.padded", "Text.note", "Text.wellFormed", "Contact.phone",
            "Contact.email", "Flag.parse", "StatusCode.spell", "method");

    @Test
    void everyTextReadPassesARule() throws Exception {
        List<String> bare = new ArrayList<>();
        int reads = 0;
        try (Stream<Path> files = Files.list(TestSupport.repo().resolve("lib/slices"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("Slice0\\d.*\\.java")).sorted().toList()) {
                Matcher m = READ.matcher(Files.readString(f));
                while (m.find()) {
                    reads++;
                    // ROW_GUID is a UNIQUEIDENTIFIER: hex digits and dashes only.
                    boolean ruled = RULES.contains(m.group(1));
                    if (!ruled && !m.group(2).equals("ROW_GUID")) bare.add(f.getFileName() + ": " + m.group());
                }
            }
        }
        assertTrue(reads > 50, "found the slices' reads: " + reads);
        assertEquals(List.of(), bare);
    }
}
