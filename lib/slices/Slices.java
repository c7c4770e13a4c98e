package lib.slices;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import lib.accounts.Rejects;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.source.SourceTable;

/** The slices in dependency order, and parsing of --slice lists such as "2,4-5". */
public final class Slices {
    public static final List<Slice> ALL = List.of(new Slice01Reference(), new Slice02Customers(), new Slice03Inventory(),
            new Slice04Sales(), new Slice05Rentals(), new Slice06Repairs(), new Slice07Accounts());

    /** The AIM tables whose rows other rows hang on: a child of a rejected one is rejected as parent_rejected (SliceContext). */
    public static final List<SourceTable> PARENTS = List.of(Slice01Reference.STORE, Slice02Customers.CUST, Slice03Inventory.INVMAST,
            Slice04Sales.TICKET, Slice05Rentals.RENTCONT, Slice06Repairs.REPAIR, Slice07Accounts.ARACCT, Slice07Accounts.LAYAWAY);

    private Slices() {}

    /** Has {@code rejects} keep the keys of the parent tables, read from the files of the slices this run keeps. */
    public static void rememberParents(Rejects rejects, java.util.Set<Integer> requested) throws java.io.IOException {
        for (SourceTable parent : PARENTS) {
            boolean kept = ALL.stream().noneMatch(s -> requested.contains(s.number()) && s.reads().contains(parent));
            rejects.remember(parent.name(), kept);
        }
    }

    /** Every AIM table a slice reads, each once, in slice order. */
    public static List<String> tableNames() {
        return ALL.stream().flatMap(s -> s.reads().stream()).map(SourceTable::name).distinct().toList();
    }

    public static Slice get(int number) {
        return ALL.stream().filter(s -> s.number() == number).findFirst().orElseThrow(() -> unknown(String.valueOf(number)));
    }

    /** The primary key columns of an AIM table a slice reads, in key order (the order rejects/TABLE.csv's aim_key is written in). */
    public static List<String> keyOf(String table) {
        return table(table).key();
    }

    /** The AIM table a slice reads by that name, as it reads it. */
    public static SourceTable table(String name) {
        for (Slice s : ALL) {
            for (SourceTable t : s.reads()) if (t.name().equals(name)) return t;
        }
        throw new IllegalArgumentException("no slice reads " + name);
    }

    /** Parses "4", "2,4-5" (already split at commas by the option parser) into slice numbers. */
    public static TreeSet<Integer> parse(List<String> specs) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String raw : specs) {
            String s = raw.strip();
            try {
                if (s.matches("\\d+-\\d+")) {
                    int a = Integer.parseInt(s.substring(0, s.indexOf('-'))), b = Integer.parseInt(s.substring(s.indexOf('-') + 1));
                    if (a > b) throw unknown(s);
                    for (int i = a; i <= b; i++) out.add(get(i).number());
                } else {
                    out.add(get(Integer.parseInt(s)).number());
                }
            } catch (NumberFormatException e) {
                throw unknown(s);
            }
        }
        return out;
    }

    private static MigrationException unknown(String what) {
        List<String> valid = new ArrayList<>();
        for (Slice s : ALL) valid.add(s.number() + " " + s.name());
        return new MigrationException(ExitCode.BAD_INPUT, "no slice " + what + "; the slices are: " + String.join(", ", valid));
    }
}
