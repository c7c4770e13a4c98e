package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import lib.slices.SeenKeys;
import org.junit.jupiter.api.Test;

class SeenKeysTest {
    @Test
    void aKeyIsNewOnceAndARepeatIsConfirmedByTheTarget() throws Exception {
        SeenKeys keys = new SeenKeys();
        Set<String> target = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < 50_000; i++) {
            String key = "SKU-" + (i % 40_000);
            if (keys.add(key, target::contains)) target.add(key);
            else duplicates++;
        }
        assertEquals(10_000, duplicates);
        assertEquals(40_000, target.size());
        // A key whose hash was seen but that the target does not hold is new, not a duplicate.
        SeenKeys lying = new SeenKeys();
        assertTrue(lying.add("X", k -> false));
        assertTrue(lying.add("X", k -> false), "unconfirmed repeat counts as new");
        assertFalse(lying.add("X", k -> true));
    }
}
