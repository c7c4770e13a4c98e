package lib.report;

import java.util.ArrayList;
import java.util.List;
import lib.source.AimSalesFigures;

/** The statements a run sends AIM for its business figures: what a warm JVM sends a session ahead of the run (lib.source.WarmSessions). */
public final class AimStatements {
    private AimStatements() {}

    /**
     * Every figure's totals as SQL Server is sent them, the rows a figure's named skip leaves out (the soft-deleted
     * products' stock: its flag's CASE cost the TDS server 0.5-0.9 s the first time a session sent it, in a served run's
     * last step), and the last tickets per store.
     */
    public static List<String> figures() {
        List<String> out = new ArrayList<>();
        for (BusinessReconciliation.Metric m : BusinessReconciliation.metrics()) {
            out.add(m.aim().totalsSql());
            if (m.aim().methods() != null) out.add(m.aim().methods().definedSql());
            if (m.aim().skippedWhen() != null) out.add(m.aim().rowsSql("(" + m.aim().skippedWhen() + ")"));
        }
        out.add(AimSalesFigures.LAST_TICKET);
        return out;
    }
}
