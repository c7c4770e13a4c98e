package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lib.rules.MoneyToCents;
import lib.rules.Tally;
import lib.source.AimFigures;
import org.junit.jupiter.api.Test;
import tests.support.Gen;

/**
 * AIM's side of a figure rounds each row's amount to cents as the toolkit does, once, half away from zero, whatever
 * the column's type: MONEY, and the DECIMAL, NUMERIC or SMALLMONEY a shop's AIM may have instead. An amount with more
 * decimals than MONEY's four was rounded twice there (1.234951 to 1.2350, then to 124 cents, where the toolkit loads
 * 123), so a correct migration failed its figure. Exact up to eight decimals (AimFigures.cents). The SQL Server
 * tests run the same check on the TDS server.
 */
public class AimCentsTest {
    /** A column type, and the values it holds: uniform in its range, and half the time next to a half cent. */
    public record Column(String type, BigDecimal max, int scale) {}

    public static final List<Column> TYPES = List.of(
            new Column("MONEY", new BigDecimal("922337203685477.5807"), 4),
            new Column("SMALLMONEY", new BigDecimal("214748.3647"), 4),
            new Column("DECIMAL(19, 6)", new BigDecimal("9999999999999.999999"), 6),
            new Column("DECIMAL(38, 8)", new BigDecimal("999999999999999999999999999999.99999999"), 8),
            new Column("NUMERIC(9, 3)", new BigDecimal("999999.999"), 3),
            new Column("NUMERIC(12, 2)", new BigDecimal("9999999999.99"), 2),
            new Column("DECIMAL(38, 4)", new BigDecimal("9999999999999999999999999999999999.9999").subtract(BigDecimal.ONE), 4));

    @Test
    void aimsCentsAreTheToolkitsOnH2() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:cents;MODE=MSSQLServer")) {
            assertRoundsAsTheToolkit(h2, 400);
        }
    }

    /** For each type, {@code n} values: the server's cents of each (AimFigures.cents) against MoneyToCents'. */
    public static void assertRoundsAsTheToolkit(Connection db, int n) throws Exception {
        SplittableRandom random = new SplittableRandom(20261128);
        for (Column c : TYPES) {
            List<BigDecimal> values = new ArrayList<>(values(c).list(n).next(random));
            values.add(new BigDecimal("1.234951").setScale(c.scale, java.math.RoundingMode.DOWN)); // the value a review found
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                rows.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS I, CAST('").append(values.get(i).toPlainString())
                        .append("' AS ").append(c.type).append(") AS X");
            }
            List<String> wrong = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT v.I, " + AimFigures.cents("v.X") + " FROM (" + rows + ") v ORDER BY v.I")) {
                while (rs.next()) {
                    BigDecimal value = values.get(rs.getInt(1));
                    long toolkit = MoneyToCents.centsOf(value, Tally.NONE);
                    BigDecimal aim = rs.getBigDecimal(2);
                    if (aim.compareTo(BigDecimal.valueOf(toolkit)) != 0) wrong.add(c.type + " " + value.toPlainString() + ": AIM " + aim.toPlainString() + ", toolkit " + toolkit);
                }
            }
            assertEquals(List.of(), wrong, "cents on AIM's side against the toolkit's, " + c.type);
        }
    }

    /** Uniform in the type's range (within a long of cents, as Helm holds them), or near a half cent, of either sign. */
    private static Gen<BigDecimal> values(Column c) {
        BigDecimal max = c.max.min(new BigDecimal("92233720368547758.07"));
        Gen<BigDecimal> uniform = Gen.decimals(max.negate(), max, c.scale);
        Gen<BigDecimal> small = Gen.decimals(new BigDecimal("-1000"), new BigDecimal("1000"), c.scale);
        BigDecimal step = BigDecimal.ONE.movePointLeft(c.scale);
        Gen<BigDecimal> nearHalf = r -> {
            BigDecimal half = small.next(r).setScale(2, java.math.RoundingMode.DOWN).add(new BigDecimal("0.005").multiply(BigDecimal.valueOf(r.nextBoolean() ? 1 : -1)));
            BigDecimal v = half.add(step.multiply(BigDecimal.valueOf(r.nextInt(-3, 4)))).setScale(c.scale, java.math.RoundingMode.DOWN);
            return v.abs().compareTo(max) > 0 ? BigDecimal.ZERO.setScale(c.scale) : v;
        };
        return Gen.frequency(Gen.weighted(1, uniform), Gen.weighted(1, small), Gen.weighted(2, nearHalf));
    }
}
