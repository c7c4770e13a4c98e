package lib.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    /** A kept slice's AIM table that AIM counts otherwise now than when the slice read it. */
    record Moved(int slice, String table, long then, long now, String readAt) {
        /** "TAXRATE had 6 rows, now 7". */
        String counts() {
            return table + " had " + Plural.rows(then) + ", now " + String.format(Locale.ROOT, "%,d", now);
        }

        /** "TAXRATE had 6 rows, now 7 (slice 1, read 2026-11-29 01:02 UTC)". */
        String text() {
            return counts() + " (slice " + slice + ", read " + KeptSlicesView.time(readAt) + ")";
        }
    }

    /** After a --slice re-run, each kept slice's table whose AIM count moved since that slice read it (a slice that kept no counts: none). */
    static List<Moved> moved(RunReport r) {
        List<Moved> out = new ArrayList<>();
        for (RunReport.SliceResult s : r.slices()) {
            if (s.rerun() || s.read() == null) continue;
            s.read().counts().forEach((table, then) -> {
                Long now = r.keptCountsNow().get(table);
                if (now != null && now.longValue() != then) out.add(new Moved(s.number(), table, then, now, s.read().at()));
            });
        }
        return out;
    }

    /**
     * The sentence for kept slices whose AIM tables hold another number of rows now ("TAXRATE had 6 rows, now 7 (slice 1,
     * read 2026-11-29 01:02 UTC)"), naming the --slice list that reads them again with this run's; null when none moved.
     */
    static String counts(RunReport r) {
        List<Moved> moved = moved(r);
        if (moved.isEmpty()) return null;
        TreeSet<Integer> again = new TreeSet<>();
        for (RunReport.SliceResult s : r.slices()) if (s.rerun()) again.add(s.number());
        moved.forEach(m -> again.add(m.slice()));
        return "AIM changed since the kept slices were read: " + String.join("; ", moved.stream().map(Moved::text).toList())
                + ". Read them again too (--slice " + String.join(",", again.stream().map(String::valueOf).toList()) + ") or run --all";
    }
}
