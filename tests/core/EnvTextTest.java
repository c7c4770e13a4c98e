package tests.core;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import lib.core.EnvText;
import lib.core.MigrationException;
import org.junit.jupiter.api.Test;

/** An environment variable's value as the bytes the process was given, where Java 17 decodes them by the locale. */
class EnvTextTest {
    private static final Charset ASCII = Charset.forName("US-ASCII");
    private static final String TYPED = "Zo\u00eb-M\u00fcller";
    private static final byte[] UTF8 = TYPED.getBytes(StandardCharsets.UTF_8);

    /** What Java 17 makes of UTF-8 bytes under LANG=C: each non-ASCII byte a U+FFFD. */
    private static String garbled() {
        return new String(UTF8, ASCII);
    }

    @Test
    void theBytesAreReadAsUtf8WhateverTheLocale() {
        assertTrue(garbled().contains("\ufffd"));
        assertEquals(TYPED, EnvText.value("AIM_PASSWORD", garbled(), UTF8, ASCII));
        assertEquals(TYPED, EnvText.value("AIM_PASSWORD", new String(UTF8, StandardCharsets.ISO_8859_1), UTF8, StandardCharsets.ISO_8859_1));
    }

    @Test
    void bytesThatAreNoUtf8AreTheLocales() {
        byte[] latin1 = TYPED.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(TYPED, EnvText.value("AIM_PASSWORD", TYPED, latin1, StandardCharsets.ISO_8859_1));
    }

    @Test
    void asciiAndAUtf8LocaleAreTakenAsJavaReadThem() {
        assertEquals("s3cret", EnvText.value("AIM_PASSWORD", "s3cret", null, ASCII));
        assertEquals(TYPED, EnvText.value("AIM_PASSWORD", TYPED, null, StandardCharsets.UTF_8));
    }

    @Test
    void withoutTheBytesAGarbledValueIsSaidSoInOneLine() {
        MigrationException e = assertThrows(MigrationException.class, () -> EnvText.value("AIM_PASSWORD", garbled(), null, ASCII));
        assertEquals(2, e.exitCode().code);
        assertTrue(e.getMessage().contains("AIM_PASSWORD") && e.getMessage().contains("US-ASCII") && e.getMessage().contains("UTF-8"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
