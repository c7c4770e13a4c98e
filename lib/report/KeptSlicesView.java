package lib.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The section report.md and signoff.md give a --slice re-run's output: the slices kept from earlier reads of AIM,
 * each with the time it read AIM. Their rows are AIM as it was then; a count that moved since fails the run
 * ({@link StaleKeptSlices#counts}), but an edited row moves no count, so the output is not one read of AIM and
 * is signed after --all.
 */
final class KeptSlicesView {
    private KeptSlicesView() {}

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A slice's read time as the reports show it ("2026-11-29 01:02 UTC"); "an unknown time" for an output that kept none. */
    static String time(String at) {
        if (at == null) return "an unknown time";
        try {
            return MINUTE.format(Instant.parse(at));
        } catch (DateTimeParseException e) {
            return at;
        }
    }

    /** The section, ending in a blank line, when the output holds slices this run kept; "" for a run that read every slice it holds. */
    static String markdown(RunReport r) {
        List<RunReport.SliceResult> kept = r.slices().stream().filter(s -> !s.rerun()).toList();
        if (kept.isEmpty()) return "";
        StringBuilder md = new StringBuilder();
        List<String> read = new ArrayList<>();
        String at = null;
        for (RunReport.SliceResult s : r.slices()) {
            if (!s.rerun()) continue;
            read.add(s.number() + " " + s.name());
            if (s.read() != null) at = s.read().at();
        }
        List<StaleKeptSlices.Moved> moved = StaleKeptSlices.moved(r);
        md.append("## Slices kept from earlier reads of AIM\n\n");
        md.append("This run read slice").append(read.size() == 1 ? " " : "s ").append(String.join(", ", read))
                .append(at == null ? "" : " from AIM at " + time(at)).append(" and kept the others from the previous output,")
                .append(" each as AIM was when it was read:\n\n");
        for (RunReport.SliceResult s : kept) {
            md.append("- slice ").append(s.number()).append(" ").append(s.name()).append(": read from AIM at ")
                    .append(time(s.read() == null ? null : s.read().at()));
            List<String> changed = moved.stream().filter(m -> m.slice() == s.number()).map(StaleKeptSlices.Moved::counts).toList();
            if (s.read() == null) md.append(" (an output of an earlier version, which kept no time nor counts: not compared)");
            else if (changed.isEmpty()) md.append("; its AIM tables hold as many rows now as then");
            else md.append("; **AIM's counts moved since: ").append(String.join("; ", changed)).append("**");
            md.append("\n");
        }
        md.append("\nAIM may have changed since in ways no count shows (an edited row, such as a customer's new e-mail, or a row deleted")
                .append(" and another added): these slices hold AIM as it was when they were read, not as it is now, so this output is not")
                .append(" one read of AIM. Run --all before signing.\n\n");
        return md.toString();
    }
}
