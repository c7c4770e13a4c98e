package tests.accounts;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import lib.accounts.LiveLine;
import lib.accounts.Progress;
import lib.accounts.StepCounts;
import org.junit.jupiter.api.Test;

/** The operator's progress: lines that fit 80 columns, thousands separators, a time to go, and a live line that never splits a printed line. */
class ProgressTest {
    static String call(String name, long done, long total, double seconds) throws Exception {
        Method m = Progress.class.getDeclaredMethod(name, long.class, long.class, double.class);
        m.setAccessible(true);
        return (String) m.invoke(null, done, total, seconds);
    }

    @Test
    void theOverallLineFitsEightyColumnsWithSeparatorsAndATimeToGo() throws Exception {
        String half = call("overall", 1_318_320, 2_636_640, 10.0);
        assertTrue(half.contains("1,318,320 of 2,636,640 rows"), half);
        assertTrue(half.contains(" 50% "), half);
        assertTrue(half.contains("131,832 rows/s"), half);
        assertTrue(half.contains("ETA 0:10"), half); // as long again as it took so far
        for (long total : new long[] {1, 117, 131_832, 13_183_200, Long.MAX_VALUE / 2}) {
            for (long done : new long[] {0, total / 3, total}) {
                for (String kind : new String[] {"overall", "plain"}) {
                    String line = call(kind, done, total, 12.5);
                    assertTrue(line.length() <= 79, kind + " fits 80 columns: " + line);
                }
            }
        }
        String finished = call("overall", 20_000, 20_000, 3.0);
        assertTrue(finished.contains("100% [====================]"), finished);
        assertFalse(finished.contains("ETA"), "nothing left to wait for: " + finished);
    }

    /**
     * The first seconds of a run read the small reference tables on fresh connections: a time to go from them was wild
     * (helper-54's trial: "ETA 18:54", then 0:17 a second later). None is shown until 2 s have passed and 5% of the rows
     * are read (or a minute has passed, for a very large AIM).
     */
    @Test
    void noTimeToGoIsShownUntilEnoughIsKnown() throws Exception {
        long total = 2_636_640;
        for (String kind : new String[] {"overall", "plain"}) {
            assertFalse(call(kind, 200, total, 1.9).matches("(?s).*(ETA|to go).*"), "the first second: " + call(kind, 200, total, 1.9));
            assertFalse(call(kind, total / 10, total, 1.5).matches("(?s).*(ETA|to go).*"), "under 2 s, even at 10%");
            assertFalse(call(kind, total / 50, total, 8.0).matches("(?s).*(ETA|to go).*"), "2% read: " + call(kind, total / 50, total, 8.0));
            assertTrue(call(kind, total / 10, total, 2.5).matches("(?s).*(ETA 0:23|about 0:23 to go).*"), "10% in 2.5 s: " + call(kind, total / 10, total, 2.5));
            assertTrue(call(kind, total / 100, total, 70).matches("(?s).*(ETA 1:55:30|about 1:55:30 to go).*"), "1% in 70 s: " + call(kind, total / 100, total, 70));
        }
    }

    /**
     * A step of seconds after the load (the business figures of a shop with many rejects) shows what it has done so far on
     * the live line, not one unchanging line (helper-60's trial: 11-20 s of "business figures, AIM against Helm ...");
     * redirected, only its line with its time, as before.
     */
    @Test
    void aLongStepShowsItsCountsOnTheLiveLine() throws Exception {
        StringWriter terminal = new StringWriter();
        LiveLine live = new LiveLine(terminal);
        Progress progress = new Progress(new PrintWriter(live, true), live, false, 100, 20);
        StepCounts counts = new StepCounts();
        try (Progress.Step step = progress.step("business figures, AIM against Helm", "business figures", counts)) {
            step.refresh();
            assertTrue(terminal.toString().endsWith("\r  business figures, AIM against Helm ..."), "nothing counted yet: " + terminal);
            counts.add("totals", 0, 16);
            counts.add("totals", 16, 0);
            counts.add("explained", 2, 17);
            counts.add("lookups", 4_050, 23_648);
            step.refresh();
            assertTrue(terminal.toString().endsWith("\r  business figures ... totals 16/16, explained 2/17, lookups 4,050/23,648"), terminal.toString());
        }
        assertTrue(terminal.toString().matches("(?s).*\\r  business figures, AIM against Helm +\\d+\\.\\d\\d s\n$"), "its line, the live line gone: " + terminal);

        StringWriter redirected = new StringWriter();
        Progress plain = new Progress(new PrintWriter(redirected, true), null, false, 100, 20);
        try (Progress.Step step = plain.step("business figures, AIM against Helm", "business figures", counts)) {
            step.refresh();
        }
        assertTrue(redirected.toString().matches("  business figures, AIM against Helm +\\d+\\.\\d\\d s\n"), redirected.toString());
    }

    @Test
    void theRedirectedLineSaysHowMuchIsLeft() throws Exception {
        String line = call("plain", 25_000, 100_000, 5.0);
        assertTrue(line.contains("25,000 of 100,000 rows read (25%)"), line);
        assertTrue(line.contains("5,000 rows/s"), line);
        assertTrue(line.contains("about 0:15 to go"), line);
    }

    @Test
    void printedLinesGoAboveTheLiveLineAndItIsDrawnAgainBelowThem() throws Exception {
        StringWriter screen = new StringWriter();
        LiveLine live = new LiveLine(screen);
        PrintWriter out = new PrintWriter(live);
        live.show("  10% [==>   ]");
        out.println("  CUST -> customers  8,000 rows");
        out.flush();
        String s = screen.toString();
        int printed = s.indexOf("  CUST -> customers");
        assertTrue(printed > 0, s);
        assertTrue(s.substring(0, printed).endsWith("\r" + " ".repeat("  10% [==>   ]".length()) + "\r"), "the live line is wiped first: " + s);
        assertTrue(s.endsWith("8,000 rows" + System.lineSeparator() + "  10% [==>   ]"), "and drawn again below: " + s);
        live.end();
        out.println("after the stop");
        out.flush();
        assertFalse(screen.toString().endsWith("  10% [==>   ]"), "nothing is drawn once the run is stopping");
    }

    @Test
    void quietPrintsNothing() {
        StringWriter screen = new StringWriter();
        Progress p = new Progress(new PrintWriter(screen), null, true, 100, 30);
        try (Progress.Tracker t = p.start("CUST -> customers", 100)) {
            t.accept(100);
        }
        try (Progress.Step s = p.step("foreign keys")) {
            p.say("Slice 2 customers");
        }
        assertEquals("", screen.toString());
    }
}
