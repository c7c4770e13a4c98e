package lib.slices;

import java.util.List;
import lib.source.SourceTable;

/** What every slice declares, given once to the constructor: its number, name, prerequisites and reads. */
public abstract class BaseSlice implements Slice {
    private final int number;
    private final String name;
    private final List<Integer> prerequisites;
    private final List<SourceTable> reads;

    protected BaseSlice(int number, String name, List<Integer> prerequisites, List<SourceTable> reads) {
        this.number = number;
        this.name = name;
        this.prerequisites = List.copyOf(prerequisites);
        this.reads = List.copyOf(reads);
    }

    @Override
    public final int number() {
        return number;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Integer> prerequisites() {
        return prerequisites;
    }

    @Override
    public final List<SourceTable> reads() {
        return reads;
    }
}
