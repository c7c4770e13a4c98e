package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lib.core.Json;
import lib.target.TableContent;
import org.junit.jupiter.api.Test;

/** The control totals' *_cents sums are exact at any size: past a long's range they go on, they do not wrap. */
class TableContentSumsTest {
    @Test
    void aSumBeyondALongIsExactAndReadsBackTheSame() throws Exception {
        Random random = new Random(27112026);
        TableContent whole = new TableContent("sales", List.of("id", "total_cents"));
        TableContent first = whole.emptyCopy(), second = whole.emptyCopy();
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 400; i++) {
            // Up to AIM's largest MONEY in cents (about 9.2e16) either way: 400 of them pass a long's 9.2e18 at times.
            long cents = (long) (random.nextDouble() * 92_233_720_368_547_758L) * (i % 5 == 4 ? -1 : 1);
            expected = expected.add(BigInteger.valueOf(cents));
            for (TableContent t : List.of(whole, i % 2 == 0 ? first : second)) {
                t.beginRow();
                t.value(0, (long) i);
                t.value(1, cents);
                t.endRow();
            }
        }
        assertTrue(expected.bitLength() > 63, "the sum leaves a long's range: " + expected);
        first.merge(second);
        for (TableContent t : List.of(whole, first)) {
            Object sum = ((Map<?, ?>) t.json().get("cents")).get("total_cents");
            assertEquals(expected.toString(), sum.toString());
            // As report.json and manifest.json hold it, and as --d1-verify compares it with a scan.
            Map<String, Object> read = Json.read(Json.write(t.json()));
            assertEquals(expected.toString(), ((Map<?, ?>) read.get("cents")).get("total_cents").toString());
            assertEquals(List.of(), whole.differences(read));
        }
    }

    @Test
    void sumsWithinALongStayLongs() {
        TableContent t = new TableContent("gift_cards", List.of("id", "balance_cents"));
        long[] values = {Long.MAX_VALUE - 5, 5, -3, Long.MIN_VALUE + 3};
        for (int i = 0; i < values.length; i++) {
            t.beginRow();
            t.value(0, (long) i);
            t.value(1, values[i]);
            t.endRow();
        }
        assertEquals(Long.MAX_VALUE - 5 + 5 - 3 + Long.MIN_VALUE + 3, ((Map<?, ?>) t.json().get("cents")).get("balance_cents"));
    }
}
