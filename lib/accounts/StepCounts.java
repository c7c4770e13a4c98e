package lib.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a long step after the load has done so far, for its live line (Progress#step): named counts of done against to
 * do, "totals 16/16, explained 2/17, lookups 4,050/23,648", which the threads doing the work add to as they go. A step of
 * seconds (the figures of a shop with many rejects) otherwise shows one unchanging line.
 */
public final class StepCounts {
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    /** Adds {@code done} and {@code toDo} to the count named {@code what}. */
    public synchronized void add(String what, long done, long toDo) {
        long[] c = counts.computeIfAbsent(what, k -> new long[2]);
        c[0] += done;
        c[1] += toDo;
    }

    /** The counts so far, "what 9/16" each (short: the live line fits 80 columns); empty when none. */
    public synchronized String text() {
        List<String> out = new ArrayList<>();
        counts.forEach((what, c) -> out.add(String.format("%s %,d/%,d", what, c[0], c[1])));
        return String.join(", ", out);
    }
}
