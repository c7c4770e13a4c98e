package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.accounts.Cents;
import lib.accounts.TableAccount;
import lib.slices.Slice04Sales;
import lib.target.D1Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Money sums past 2^63 cents are exact; cents past 2^53 load and are flagged for the Worker, not failed. */
class HugeMoneyTest {
    @TempDir
    Path dir;

    /** MONEY's largest value, 922,337,203,685,477.5807, is 92,233,720,368,547,758 cents (rounded half away from zero). */
    static final BigDecimal MAX_MONEY = new BigDecimal("922337203685477.5807");
    static final long MAX_CENTS = 92_233_720_368_547_758L;

    @Test
    void twoHundredTicketsOfMaxMoneySumExactlyAndAreFlaggedForJavaScript() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            int n = 200;
            for (int t = 1; t <= n; t++) {
                bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", t, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 0), "SUBTOTAL", MAX_MONEY,
                        "TAX", BigDecimal.ZERO, "TOTAL", t % 2 == 0 ? MAX_MONEY : MAX_MONEY.negate());
            }
            bench.row("TICKET", "STORE_NO", 99, "TICKET_NO", 1, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 0), "SUBTOTAL", MAX_MONEY,
                    "TAX", BigDecimal.ZERO, "TOTAL", MAX_MONEY);
            bench.run(new Slice04Sales());

            TableAccount.Money subtotal = bench.account("TICKET").money.get("SUBTOTAL");
            BigInteger each = BigInteger.valueOf(MAX_CENTS);
            assertEquals(each.multiply(BigInteger.valueOf(n + 1)), subtotal.read.value(), "past 2^63, still exact");
            assertEquals(each.multiply(BigInteger.valueOf(n)), subtotal.loaded.value());
            assertEquals(each, subtotal.rejected.value(), "store 99 does not exist: its ticket is rejected with its money");
            assertTrue(subtotal.loaded.value().bitLength() > 63);
            assertEquals(BigInteger.ZERO, bench.account("TICKET").money.get("TOTAL").loaded.value(), "+max and -max alternate");
            bench.assertBalanced("TICKET"); // the Helm side summed exactly too (SQLite's SUM would stop with integer overflow)

            // The account survives report.json: a BigInteger where a long no longer holds the sum.
            TableAccount again = TableAccount.fromJson(bench.account("TICKET").toJson());
            assertEquals(subtotal.loaded, again.money.get("SUBTOTAL").loaded);
            assertEquals(subtotal.read, again.money.get("SUBTOTAL").read);

            D1Limits.Result limits = D1Limits.check(bench.connection(), List.of("sales"), Map.of(), 0);
            assertEquals(List.of(), limits.problems(), "cents past 2^53 load; they are flagged, not a failure");
            assertEquals(List.of("sales.subtotal_cents: " + n + " rows", "sales.total_cents: " + n + " rows"), limits.measured().get("cents_beyond_2^53"));
        }
    }

    @Test
    void centsAddAndSubtractAcrossTheLongRange() {
        Cents c = new Cents();
        c.add(Long.MAX_VALUE);
        c.add(Long.MAX_VALUE);
        c.add(2);
        assertEquals(BigInteger.ONE.shiftLeft(64), c.value());
        c.subtract(Long.MIN_VALUE);
        assertEquals(BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE.shiftLeft(63)), c.value());
        Cents d = new Cents();
        d.add(Long.MIN_VALUE);
        d.add(-1);
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), d.value());
        assertEquals(7L, Cents.fromJson(7).json());
    }
}
