package lib.report;

import java.util.ArrayList;
import java.util.List;
import lib.source.AimSalesFigures;

/** The statements a run sends AIM for its business figures: what a warm JVM sends a session ahead of the run (lib.source.WarmSessions). */
public final class AimStatements {
    private AimStatements() {}

    /** Every figure's totals as SQL Server is sent them, and the last tickets per store. */
    public static List<String> figures() {
        List<String> out = new ArrayList<>();
        for (BusinessReconciliation.Metric m : BusinessReconciliation.metrics()) out.add(m.aim().totalsSql());
        out.add(AimSalesFigures.LAST_TICKET);
        return out;
    }
}
