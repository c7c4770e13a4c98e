package lib.cli;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.report.AimStatements;
import lib.slices.Slices;
import lib.source.Isolation;
import lib.source.SourceCollation;
import lib.source.SourceLogin;
import lib.source.SourceTable;
import lib.source.WarmSessions;
import picocli.CommandLine;

/**
 * A warm JVM's sessions for the run it will serve ({@link WarmSessions}): the previous run's SQL Server source and
 * login, taken from that run's arguments and this JVM's environment (the same as the previous run's and the next's:
 * a warm JVM serves only a run with the same environment). Only the password in env AIM_PASSWORD is used; one the
 * previous run asked for at its prompt is nowhere to be had, and then no session is opened.
 */
final class WarmLogins {
    private WarmLogins() {}

    /** Opens and warms the sessions; returns what it did, for the warm JVM's log. */
    static String open(List<String> previous, Map<String, String> env) {
        MigrateAimCommand run = new MigrateAimCommand(env);
        try {
            new CommandLine(run).parseArgs(previous.toArray(String[]::new));
        } catch (CommandLine.PicocliException e) {
            return "no sessions warmed: the previous run's arguments do not parse (" + e.getMessage() + ")";
        }
        if ("0".equals(env.get("AIM_WARM_LOGINS"))) return "no sessions warmed: AIM_WARM_LOGINS=0";
        if (run.which == null && !run.checkSource && !run.profile || run.verifyManifest || run.d1Actions.asked()) {
            return "no sessions warmed: the previous run read no AIM tables";
        }
        SourceOptions source = run.source;
        if (source.sample != null) return "no sessions warmed: the previous run read the sample";
        if (env.get("AIM_PASSWORD") == null) return "no sessions warmed: the password is not in env AIM_PASSWORD";
        SourceLogin login;
        try {
            login = source.login(env, m -> {});
        } catch (RuntimeException e) {
            return "no sessions warmed: " + e.getMessage();
        }
        if (!login.url().startsWith("jdbc:sqlserver:")) return "no sessions warmed: the source is not a SQL Server";
        SliceSelection selection = run.which == null ? SliceSelection.of(false, null) : SliceSelection.of(run.which.all, run.which.slices);
        List<SourceTable> tables = selection.reads();
        List<String> first = new ArrayList<>(), reads = new ArrayList<>();
        for (SourceTable t : tables) first.add("SELECT * FROM " + t.name());
        first.add(Isolation.SNAPSHOT_STATE_SQL);
        for (SourceTable t : tables) first.add("SELECT COUNT(*) FROM " + t.name());
        // A --slice run counts the kept slices' tables too, to compare with the counts they kept (lib.run.Prepare).
        if (!selection.all()) for (SourceTable t : keptTables(selection)) first.add("SELECT COUNT(*) FROM " + t.name());
        for (SourceTable t : tables) reads.add(t.selectSql());
        int sessions = source.isolation() == Isolation.CONSISTENT ? 1 : Math.max(1, Math.min(source.jobs, tables.size()));
        long start = System.nanoTime();
        int opened = WarmSessions.open(login, sessions, first, WarmLogins::figures, reads);
        if (opened == 0) return "no sessions warmed: the login to " + login.label() + " failed";
        return String.format("warmed %d session%s to %s in %.1f s", opened, opened == 1 ? "" : "s", login.label(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The business figures' statements as the run will send them: built once the collations and the flags' types are
     * read on {@code session} as the run reads them (a text VOIDED and a numeric one are read in other words; a statement
     * of other words warms nothing), then forgotten, as the run reads them itself.
     */
    private static List<String> figures(Connection session) {
        try {
            SourceCollation.use(session, Slices.tableNames());
            return AimStatements.figures();
        } finally {
            SourceCollation.use(null, List.of());
        }
    }

    /** The tables of the slices a --slice run keeps: every slice's but the selection's (those the output lacks too, cheaply). */
    private static List<SourceTable> keptTables(SliceSelection selection) {
        List<SourceTable> out = new ArrayList<>();
        Slices.ALL.stream().filter(s -> !selection.slices().contains(s.number())).forEach(s -> out.addAll(s.reads()));
        return out;
    }
}
