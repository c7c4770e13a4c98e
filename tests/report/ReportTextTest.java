package tests.report;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.report.Dollars;
import lib.report.Plural;
import lib.report.RunSummary;
import org.junit.jupiter.api.Test;

/** Dollars from integer cents, counted nouns, and what changed between two runs, as a person reads them. */
class ReportTextTest {
    @Test
    void centsBecomeDollarsWithThousandsSeparatorsExactlyAtEveryMagnitude() {
        assertEquals("$0.00", Dollars.of(0));
        assertEquals("$0.01", Dollars.of(1));
        assertEquals("-$0.01", Dollars.of(-1));
        assertEquals("-$0.99", Dollars.of(-99));
        assertEquals("$1.00", Dollars.of(100));
        assertEquals("$2,307.48", Dollars.of(230_748));
        assertEquals("-$1,234,567.89", Dollars.of(-123_456_789));
        // 2^53 + 1 cents: a double would print ...409.92; the exact integer keeps the last cent.
        assertEquals("$90,071,992,547,409.93", Dollars.of((1L << 53) + 1));
        assertEquals("$92,233,720,368,547,758.07", Dollars.of(Long.MAX_VALUE));
        assertEquals("-$92,233,720,368,547,758.08", Dollars.of(Long.MIN_VALUE));
        BigInteger beyondLong = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TEN).add(BigInteger.valueOf(5));
        assertEquals("$922,337,203,685,477,580.75", Dollars.of(beyondLong));
        assertEquals("-$922,337,203,685,477,580.75", Dollars.of(beyondLong.negate()));
        assertEquals("$12.34", Dollars.of((Number) 1234L), "a JSON long");
        assertEquals("$922,337,203,685,477,580.75", Dollars.of((Number) beyondLong), "a JSON BigInteger");
    }

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertEquals("1 row", Plural.rows(1));
        assertEquals("0 rows", Plural.rows(0));
        assertEquals("2 rows", Plural.rows(2));
        assertEquals("1,234 rows", Plural.rows(1234));
        assertEquals("1 ticket", Plural.of(1, "ticket", "tickets"));
    }

    @Test
    void eachChangedTableIsOneLineAndAnotherSourceIsSaidFirst() {
        RunSummary before = summary("sample AIM v12 database, scale 1; isolation read-uncommitted (auto), 4 connections", 16_025, 16_000, 25, "aa");
        RunSummary now = summary("sample AIM v12 database, scale 2; isolation snapshot, 1 connection", 32_050, 32_000, 50, "bb");
        List<String> changes = RunSummary.changes(before, now);
        assertEquals("the source changed: sample AIM v12 database, scale 1 -> sample AIM v12 database, scale 2", changes.get(0));
        assertEquals("TKTPAY -> sale_payments: read 16,025 -> 32,050 (+16,025), loaded 16,000 -> 32,000 (+16,000), "
                + "rejected by orphan_ticket 25 -> 50 (+25), content checksum moved", changes.get(1));
        assertEquals(2, changes.size(), changes.toString());

        // The same database read another way (isolation, connections) is not another source.
        RunSummary sameSource = summary("sample AIM v12 database, scale 1; isolation snapshot, 1 connection", 16_025, 16_000, 25, "aa");
        assertEquals(List.of(), RunSummary.changes(before, sameSource));

        // A summary from before the source was recorded says nothing about it.
        RunSummary old = summary(null, 16_025, 16_000, 25, "aa");
        assertEquals(List.of(), RunSummary.changes(old, sameSource));
    }

    /** A figure's totals are said in dollars, as the rest of the report says them, not in the cents they are kept in ("AIM 800 rows 6999468 cents"). */
    @Test
    void aMovedFigureIsSaidInDollars() {
        Map<String, RunSummary.TableCounts> none = Map.of();
        RunSummary before = new RunSummary("2026-01-01T00:00:00Z", "s", List.of(4), none, Map.of(),
                Map.of("Gift cards", "AIM 800 rows 6999468 cents, Helm 800 rows 6999468 cents", "Stock", "AIM 1 rows 5 units, Helm 1 rows 5 units"));
        RunSummary now = new RunSummary("2026-01-01T00:00:00Z", "s", List.of(4), none, Map.of(),
                Map.of("Gift cards", "AIM 1234 rows -5 cents, Helm 1234 rows 12345678901234567890 cents", "Stock", "AIM 2 rows 1 units, Helm 2 rows 1 units"));
        assertEquals(List.of("reconciliation \"Gift cards\": AIM 800 rows $69,994.68, Helm 800 rows $69,994.68 -> AIM 1,234 rows -$0.05, Helm 1,234 rows $123,456,789,012,345,678.90",
                "reconciliation \"Stock\": AIM 1 row 5 units, Helm 1 row 5 units -> AIM 2 rows 1 unit, Helm 2 rows 1 unit"),
                RunSummary.changes(before, now).stream().sorted().toList());
    }

    /** A figure the earlier run did not compute (an earlier version's, or its slices not in the output) is said to be new; one it did, and this did not, is said so. */
    @Test
    void aFigureOnOneSideOnlyIsNewOrNoLongerComputed() {
        Map<String, RunSummary.TableCounts> none = Map.of();
        RunSummary before = new RunSummary("2026-01-01T00:00:00Z", "s", List.of(4), none, Map.of(), Map.of("Sales", "AIM 1 rows 100 cents"));
        RunSummary now = new RunSummary("2026-01-01T00:00:00Z", "s", List.of(4), none, Map.of(), Map.of("Tax", "AIM 1 rows 7 cents"));
        assertEquals(List.of("reconciliation \"Sales\": not computed in this run", "reconciliation \"Tax\": new, AIM 1 row $0.07"),
                RunSummary.changes(before, now).stream().sorted().toList());
    }

    private static RunSummary summary(String source, long read, long loaded, long rejected, String checksum) {
        Map<String, RunSummary.TableCounts> tables = new LinkedHashMap<>();
        tables.put("TKTPAY", new RunSummary.TableCounts("sale_payments", read, loaded, Map.of(), Map.of("orphan_ticket", rejected)));
        tables.put("STORE", new RunSummary.TableCounts("stores", 3, 3, Map.of(), Map.of()));
        return new RunSummary("2026-01-01T00:00:00Z", source, List.of(1, 4), tables, Map.of("sale_payments", checksum, "stores", "ss"), Map.of());
    }
}
