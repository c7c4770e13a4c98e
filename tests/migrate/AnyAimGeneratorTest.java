package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import lib.rules.Tally;
import lib.rules.Text;
import lib.sample.TsqlColumn;
import org.junit.jupiter.api.Test;
import tests.support.AnyAim;
import tests.support.Gen;

/** The property tests' generators make what they promise: values SQL Server can hold, the extremes among them. */
class AnyAimGeneratorTest {
    @Test
    void everyGeneratedValueFitsItsColumnAndTheExtremesAllOccur() {
        Map<String, Long> seen = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(AnyAimDataPropertyTest.SEED);
        for (Map.Entry<String, List<TsqlColumn>> t : AnyAim.ddl().entrySet()) {
            for (TsqlColumn c : t.getValue()) {
                Gen<Object> values = AnyAim.value(c, AnyAim.Options.ALL);
                for (int k = 0, n = c.length() == Integer.MAX_VALUE ? 200 : 400; k < n; k++) {
                    Object v = values.next(random);
                    String problem = c.problem(v);
                    // SQL Server's NVARCHAR stores UTF-16 code units as they are: a lone surrogate is a value it holds.
                    assertNull(problem, c.table() + "." + c.name() + ": " + problem);
                    if (v == null) seen.merge("NULL", 1L, Long::sum);
                    if (v instanceof String s) {
                        if (s.indexOf('\u0000') >= 0) seen.merge("NUL", 1L, Long::sum);
                        if (!s.equals(Text.wellFormed(s, Tally.NONE))) seen.merge("lone surrogate", 1L, Long::sum);
                        if (s.length() > 2_000_000) seen.merge("text over 2 MB", 1L, Long::sum);
                        if (!s.equals(s.strip()) && !s.isBlank()) seen.merge("padded", 1L, Long::sum);
                    }
                    if (v instanceof BigDecimal d && c.type().equals("MONEY") && d.abs().compareTo(new BigDecimal("922337203685477")) > 0) seen.merge("MONEY extreme", 1L, Long::sum);
                    if (v instanceof BigDecimal d && c.type().equals("SMALLMONEY") && d.abs().compareTo(new BigDecimal("214748")) > 0) seen.merge("SMALLMONEY extreme", 1L, Long::sum);
                    if (v instanceof LocalDateTime d && (d.getYear() == 1753 || d.getYear() == 9999)) seen.merge("DATETIME extreme", 1L, Long::sum);
                    if (v instanceof Integer i && (i == Integer.MIN_VALUE || i == Integer.MAX_VALUE || i == Short.MIN_VALUE || i == Short.MAX_VALUE)) seen.merge("integer extreme", 1L, Long::sum);
                }
            }
        }
        for (String kind : List.of("NULL", "NUL", "lone surrogate", "text over 2 MB", "padded", "MONEY extreme", "SMALLMONEY extreme", "DATETIME extreme", "integer extreme")) {
            assertTrue(seen.getOrDefault(kind, 0L) > 0, kind + " never generated: " + seen);
        }
    }
}
