///usr/bin/env jbang "$0" "$@" ; exit $?
//DESCRIPTION Benchmarks MigrateAim on the sample against the floors it cannot beat; prints a table, writes bench/results.json.
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.xerial:sqlite-jdbc:3.53.2.1
//DEPS com.h2database:h2:2.3.232
//DEPS com.microsoft.sqlserver:mssql-jdbc:12.10.2.jre11
//DEPS com.fasterxml.jackson.jr:jackson-jr-objects:2.22.4
//DEPS com.googlecode.libphonenumber:libphonenumber:9.0.43
//DEPS org.apache.commons:commons-csv:1.14.1
//DEPS me.tongfei:progressbar:0.10.2
//SOURCES ../lib/**/*.java
//FILES sample/aim-v12.sql=../lib/sample/aim-v12.sql
//SOURCES WarmWatch.java

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.core.Json;
import lib.sample.SampleDatabase;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.source.SourceTable;
import lib.target.HelmDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: per sample scale, the end-to-end migration as a user runs it
 * (a fresh process, JBang cache warm) next to the floors measured in the same
 * run: a bare streaming JDBC scan of the source tables, a bare batched insert of
 * the same rows into SQLite with the same pragmas, and writing them as SQL text.
 */
@Command(name = "Bench", mixinStandardHelpOptions = true, description = "Benchmarks MigrateAim against its floors.")
public class Bench implements Callable<Integer> {
    @Option(names = "--big", description = "Also run scale 100 (11M+ rows, with -Xmx512m).")
    boolean big;

    @Option(names = "--scales", split = ",", description = "Scales to run (default: 1,10).")
    List<Integer> scales = new ArrayList<>(List.of(1, 10));

    @Option(names = "--heap", description = "Maximum heap for the migration process (default: ${DEFAULT-VALUE}, the product's target).")
    String heap = "512m";

    public static void main(String... args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.exists(repo.resolve("MigrateAim.java"))) repo = repo.getParent();
        if (big && !scales.contains(100)) scales.add(100);
        List<Map<String, Object>> results = new ArrayList<>();
        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"));
        System.out.printf("%-6s %11s %9s %11s %9s %9s %9s %9s %8s %9s %9s %9s %9s%n", "scale", "rows", "e2e s", "rows/s", "read s",
                "write s", "d1 text s", "ratio", "live MB", "RSS MB", "run s", "warm s", "warm MB");
        for (int scale : scales) {
            Map<String, Object> r = measure(repo, scale, scale >= 100 ? "512m" : heap);
            results.add(r);
            System.out.printf("%-6d %,11d %9.2f %,11d %9.2f %9.2f %9.2f %9.2f %8d %9d %9.2f %9s %9s%n", scale, r.get("rows"), r.get("e2e_seconds"),
                    r.get("rows_per_second"), r.get("read_floor_seconds"), r.get("write_floor_seconds"), r.get("d1_text_floor_seconds"),
                    r.get("ratio_to_floors"), r.get("peak_live_heap_mb"), r.get("peak_rss_mb"), r.get("migration_seconds"),
                    r.getOrDefault("e2e_warm_jvm_seconds", "-"), r.getOrDefault("warm_jvm_peak_rss_mb", "-"));
            System.out.println("       slice shares of the run: " + r.get("slice_shares") + "; phases (s): " + r.get("phases"));
        }
        System.out.println("e2e: MigrateAim --all as a fresh process (JVM and JBang start included); read: bare JDBC scan of the source tables;");
        System.out.println("write: bare batched insert of the same rows into SQLite built from migrations/; d1 text: the same rows as SQL text;");
        System.out.println("ratio: e2e / (read + write); live: largest heap left after a GC; RSS: peak resident memory of the process;");
        System.out.println("warm: the same run served by a warm JVM (AIM_WARM=1), timed once one waits; MB: its peak RSS (training included) + the launching JVM's.");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + ", Java " + System.getProperty("java.version"));
        json.put("results", results);
        Files.writeString(repo.resolve("bench/results.json"), Json.write(json));
        System.out.println("wrote bench/results.json");
        return 0;
    }

    /**
     * The same run served by a warm JVM (AIM_WARM=1), timed once one waits for it: {wall seconds, peak RSS MB of the
     * warm JVM (its training included) and the launching JVM together}.
     */
    static double[] warm(ProcessBuilder pb, Path tmp, boolean gnuTime) throws Exception {
        WarmWatch warm = new WarmWatch(tmp);
        warm.env(pb.environment());
        try {
            List<String> version = new ArrayList<>(pb.command());
            version.set(version.indexOf("--all"), "--version"); // a run that starts the first warm JVM
            ProcessBuilder first = new ProcessBuilder(version).directory(pb.directory()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            first.environment().putAll(pb.environment());
            first.start().waitFor();
            WarmWatch.Follow served = WarmWatch.follow(warm.awaitReady());
            long start = System.nanoTime();
            int exit = pb.start().waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            if (exit != 0) throw new IllegalStateException("MigrateAim in a warm JVM failed (exit " + exit + ")");
            double launching = gnuTime ? Long.parseLong(Files.readString(tmp.resolve("rss")).strip().replaceAll(".*\\s", "")) / 1024.0 : 0;
            return new double[] {wall, served.result()[1] + launching};
        } finally {
            warm.awaitReady(); // the next one: stopped once it is there
            warm.stopAll();
        }
    }

    Map<String, Object> measure(Path repo, int scale, String heap) throws Exception {
        SampleDatabase.Sample sample = SampleDatabase.ensure(scale, System.out::println);
        Path tmp = Files.createTempDirectory("aim-bench");
        Path out = tmp.resolve("out");
        List<String> cmd = new ArrayList<>();
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", tmp.resolve("rss").toString()));
        cmd.addAll(List.of(repo.resolve("jbang").toString(), "MigrateAim.java", "--all", "--sample=" + scale, "--out", out.toString(), "-q"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("migrate.log").toFile());
        if (heap != null) pb.environment().put("JAVA_TOOL_OPTIONS", "-Xmx" + heap);
        if (scale < 100) pb.start().waitFor(); // warm-up: page cache and JBang's cache, as a user's second run
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        double e2e = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("MigrateAim failed at scale " + scale + " (exit " + exit + "):\n" + Files.readString(tmp.resolve("migrate.log")));
        }
        Map<String, Object> report = Json.read(Files.readString(out.resolve("report.json")));
        long rss = gnuTime ? Long.parseLong(Files.readString(tmp.resolve("rss")).strip().replaceAll(".*\\s", "")) >> 10 : -1;
        double[] warmRun = scale < 100 ? warm(pb, tmp, gnuTime) : null;
        long rows = sample.manifest().totalRows();
        double read = readFloor(sample.jdbcUrl());
        double[] write = writeFloors(repo.resolve("migrations"), out.resolve("helm.sqlite"), tmp);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scale", scale);
        r.put("rows", rows);
        r.put("e2e_seconds", round(e2e));
        r.put("rows_per_second", Math.round(rows / e2e));
        r.put("migration_seconds", round(((Number) report.get("seconds")).doubleValue()));
        r.put("read_floor_seconds", round(read));
        r.put("write_floor_seconds", round(write[0]));
        r.put("d1_text_floor_seconds", round(write[1]));
        r.put("ratio_to_floors", round(e2e / (read + write[0])));
        r.put("peak_heap_mb", ((Number) report.get("peak_heap_bytes")).longValue() >> 20);
        r.put("peak_live_heap_mb", ((Number) report.get("peak_live_heap_bytes")).longValue() >> 20);
        r.put("peak_rss_mb", rss);
        r.put("heap_limit", heap == null ? "default" : heap);
        if (warmRun != null) {
            r.put("e2e_warm_jvm_seconds", round(warmRun[0]));
            r.put("warm_jvm_peak_rss_mb", Math.round(warmRun[1]));
        }
        Map<String, Object> shares = new LinkedHashMap<>();
        double total = ((Number) report.get("seconds")).doubleValue();
        for (Object o : (List<?>) report.get("slices")) {
            Map<?, ?> s = (Map<?, ?>) o;
            shares.put(s.get("number") + " " + s.get("name"), Math.round(100 * ((Number) s.get("seconds")).doubleValue() / total) + "%");
        }
        r.put("slice_shares", shares);
        r.put("phases", report.get("phase_seconds"));
        return r;
    }

    /** A bare streaming scan of every table the slices read: same driver, same SQL, getObject per column. */
    static double readFloor(String url) throws Exception {
        long start = System.nanoTime();
        long cells = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            for (Slice s : Slices.ALL) {
                for (SourceTable t : s.reads()) {
                    try (PreparedStatement st = c.prepareStatement(t.selectSql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                        st.setFetchSize(1000);
                        try (ResultSet rs = st.executeQuery()) {
                            int n = rs.getMetaData().getColumnCount();
                            while (rs.next()) for (int i = 1; i <= n; i++) if (rs.getObject(i) != null) cells++;
                        }
                    }
                }
            }
        }
        if (cells == 0) throw new IllegalStateException("nothing read");
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The same rows as the migration wrote (taken from its helm.sqlite into memory one table at a time,
     * untimed), inserted with batched prepared statements into a fresh SQLite built from the same
     * migrations with the same pragmas (timed), and written as SQL text (timed separately).
     */
    static double[] writeFloors(Path migrations, Path helmFile, Path tmp) throws Exception {
        double insert = 0, text = 0;
        try (Connection src = DriverManager.getConnection("jdbc:sqlite:" + helmFile);
             HelmDatabase dst = HelmDatabase.open(tmp.resolve("floor.sqlite"));
             BufferedWriter sql = Files.newBufferedWriter(tmp.resolve("floor.sql"), StandardCharsets.UTF_8)) {
            dst.applyMigrations(migrations);
            for (Slice s : Slices.ALL) {
                for (String table : s.writes()) {
                    List<Object[]> rows = new ArrayList<>();
                    int n;
                    try (Statement st = src.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                        n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            Object[] row = new Object[n];
                            for (int i = 0; i < n; i++) row[i] = rs.getObject(i + 1);
                            rows.add(row);
                        }
                    }
                    long t0 = System.nanoTime();
                    try (PreparedStatement ins = dst.connection().prepareStatement("INSERT INTO " + table + " VALUES (" + "?, ".repeat(n - 1) + "?)")) {
                        int pending = 0;
                        for (Object[] row : rows) {
                            for (int i = 0; i < n; i++) ins.setObject(i + 1, row[i]);
                            ins.addBatch();
                            if (++pending == 1000) {
                                ins.executeBatch();
                                pending = 0;
                            }
                        }
                        ins.executeBatch();
                    }
                    dst.commit();
                    long t1 = System.nanoTime();
                    for (Object[] row : rows) {
                        sql.write("INSERT INTO " + table + " VALUES (");
                        for (int i = 0; i < n; i++) {
                            if (i > 0) sql.write(", ");
                            Object v = row[i];
                            sql.write(v == null ? "NULL" : v instanceof String str ? "'" + str.replace("'", "''") + "'" : v.toString());
                        }
                        sql.write(");\n");
                    }
                    long t2 = System.nanoTime();
                    insert += (t1 - t0) / 1e9;
                    text += (t2 - t1) / 1e9;
                }
            }
        }
        return new double[] {insert, text};
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
