package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lib.rules.CodeKey;
import lib.sample.SampleDatabase;
import lib.source.AimFigures;
import lib.source.AimSalesFigures;
import lib.source.PaymentMethods;
import org.junit.jupiter.api.Test;
import tests.support.SampleRun;

/** The business figures' own statements for H2 (the sample) against the statements SQL Server runs, on H2. */
class SampleFigureStatementsTest {
    /**
     * A figure with a statement of its own for H2 (the sample) gives the same rows and amounts per key as the statement
     * SQL Server runs, on the sample and on the adversarial scenario (codes in any case and padding, none, unknown ones).
     */
    @Test
    void theSamplesOwnStatementsSumPerKeyAsTheServersStatementsDo() throws Exception {
        List<AimFigures.Query> queries = List.of(AimSalesFigures.sales(), AimSalesFigures.paymentsByStore(), AimFigures.stock(),
                AimSalesFigures.payments(CodeKey.CASE_INSENSITIVE), AimSalesFigures.payments(CodeKey.CASE_SENSITIVE));
        for (SampleDatabase.Sample sample : List.of(SampleRun.sample(), SampleDatabase.ensure(1, "adversarial", m -> {}))) {
            try (Connection aim = DriverManager.getConnection(sample.jdbcUrl())) {
                for (AimFigures.Query q : queries) {
                    assertNotNull(q.h2Totals(), q.totalsSql());
                    Map<List<String>, List<Long>> server = perKey(aim, q.totalsSql(), q.keys().size()), h2 = perKey(aim, q.totalsSql(true), q.keys().size());
                    if (q.methods() != null) { // each gives a payment's code as it is: summed per method the toolkit finds
                        server = byMethod(server, q.methods(), q.methods().defined(aim));
                        h2 = byMethod(h2, q.methods(), q.methods().defined(aim));
                    }
                    assertTrue(server.size() > 1, q.totalsSql());
                    assertEquals(server, h2, q.h2Totals());
                }
            }
        }
    }

    /** As {@link #perKey}, with the first key a payment's code made the method the toolkit finds for it, and summed so. */
    private static Map<List<String>, List<Long>> byMethod(Map<List<String>, List<Long>> perCode, PaymentMethods methods, java.util.Set<String> defined) {
        Map<List<String>, List<Long>> out = new HashMap<>();
        perCode.forEach((key, sums) -> {
            List<String> k = new ArrayList<>(key);
            k.set(0, methods.of(key.get(0), defined));
            out.merge(k, sums, (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
        });
        return out;
    }

    /** Rows and amount summed per key (the first {@code k} columns, as text), however many rows a key comes in. */
    static Map<List<String>, List<Long>> perKey(Connection db, String sql, int k) throws SQLException {
        Map<List<String>, List<Long>> out = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= k; i++) key.add(rs.getString(i));
                List<Long> sums = out.computeIfAbsent(key, x -> new ArrayList<>(List.of(0L, 0L)));
                sums.set(0, Math.addExact(sums.get(0), rs.getLong(k + 1)));
                sums.set(1, Math.addExact(sums.get(1), rs.getLong(k + 2)));
            }
        }
        return out;
    }
}
