package tests.cli;

import static org.junit.jupiter.api.Assertions.*;

import lib.cli.Preload;
import org.junit.jupiter.api.Test;

/** The sample the preload thread opens ahead of the run is the one picocli will read from the same arguments. */
class PreloadTest {
    @Test
    void theSampleValueIsReadAsPicocliReadsIt() {
        assertEquals("1", Preload.sampleValue("--all", "--sample"));
        assertEquals("1", Preload.sampleValue("--sample", "--all"));
        assertEquals("10", Preload.sampleValue("--slice", "4", "--sample=10"));
        assertEquals("2:adversarial", Preload.sampleValue("--sample", "2:adversarial", "--out", "x"));
        assertNull(Preload.sampleValue("--all", "--source", "jdbc:h2:file:/tmp/x"));
        assertNull(Preload.sampleValue());
    }
}
