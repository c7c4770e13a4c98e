package lib.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.source.SourceTable;

/** The slices a run, a check or a profile covers ({@code all}: every slice into a fresh database), and the AIM tables they read. */
record SliceSelection(SortedSet<Integer> slices, boolean all) {
    /** --all, --slice N..., or (neither) every slice without starting afresh, for --check-source and --profile. */
    static SliceSelection of(boolean all, List<String> slices) {
        if (slices != null && !all) return new SliceSelection(Slices.parse(slices), false);
        SortedSet<Integer> every = new TreeSet<>();
        Slices.ALL.forEach(s -> every.add(s.number()));
        return new SliceSelection(every, all);
    }

    List<SourceTable> reads() {
        List<SourceTable> out = new ArrayList<>();
        for (int n : slices) out.addAll(Slices.get(n).reads());
        return out;
    }

    /** The slice that reads a table, for messages. */
    static int sliceOf(SourceTable t) {
        for (Slice s : Slices.ALL) if (s.reads().contains(t)) return s.number();
        return 0;
    }
}
