package lib.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lib.slices.Slice;
import lib.slices.Slices;

/**
 * A business figure that does not balance although every slice it rests on was kept from the
 * previous output, not read in this run. That output was published, so its figures balanced
 * when it was built, and its Helm side is unchanged: AIM has changed since those slices were
 * loaded (stock sold, a rental paid during the day's dry-runs). The run still fails, since its
 * output no longer reconciles with AIM; this says why, and which run rebuilds it.
 */
final class StaleKeptSlices {
    private StaleKeptSlices() {}

    /** For each such figure, by name: the sentence that explains it. */
    static Map<String, String> of(RunReport r) {
        TreeSet<Integer> read = new TreeSet<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        for (RunReport.SliceResult s : r.slices()) {
            names.put(s.number(), s.number() + " " + s.name());
            if (s.rerun()) read.add(s.number());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (read.isEmpty()) return out;
        for (BusinessReconciliation.Result res : r.business()) {
            if (res.ok()) continue;
            List<Integer> on = BusinessReconciliation.metrics().stream().filter(m -> m.name().equals(res.name()))
                    .findFirst().map(BusinessReconciliation.Metric::slices).orElse(List.of());
            if (on.isEmpty() || on.stream().anyMatch(read::contains) || !names.keySet().containsAll(on)) continue;
            List<String> kept = new ArrayList<>();
            on.forEach(n -> kept.add(names.get(n)));
            TreeSet<Integer> again = new TreeSet<>(read);
            again.addAll(on);
            out.put(res.name(), res.name() + " rests only on slices kept from the previous output (" + String.join(", ", kept)
                    + "), whose figures balanced when it was built: AIM has changed since they were loaded. Read them again too (--slice "
                    + String.join(",", again.stream().map(String::valueOf).toList()) + ") or run --all");
        }
        return out;
    }

    /**
     * After a --slice re-run, foreign keys broken by rows of kept slices (house_accounts row 2 -> customers, a customer
     * this run no longer loads): the sentence naming the slices to read again too, or null when there are none.
     */
    static String foreignKeys(RunReport r) {
        TreeSet<Integer> read = new TreeSet<>(), kept = new TreeSet<>();
        for (RunReport.SliceResult s : r.slices()) (s.rerun() ? read : kept).add(s.number());
        if (read.isEmpty() || kept.isEmpty()) return null;
        TreeSet<Integer> again = new TreeSet<>();
        for (String p : r.checks().foreignKeyProblems()) {
            String child = p.contains(" ") ? p.substring(0, p.indexOf(' ')) : p;
            for (Slice s : Slices.ALL) if (kept.contains(s.number()) && s.writes().contains(child)) again.add(s.number());
        }
        if (again.isEmpty()) return null;
        again.addAll(read);
        return "Rows of kept slices point at rows this run no longer loads (" + r.checks().foreignKeyProblems().get(0)
                + (r.checks().foreignKeyProblems().size() > 1 ? ", ..." : "") + "): AIM has changed since they were loaded. Read them again too (--slice "
                + String.join(",", again.stream().map(String::valueOf).toList()) + ") or run --all";
    }
}
