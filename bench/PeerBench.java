///usr/bin/env jbang "$0" "$@" ; exit $?
//DESCRIPTION Benchmarks MigrateAim against its Python peer (bench/peer) on a SQL Server (TDS) source; prints a table, writes bench/results-peer.json.
//JAVA 17+
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms16m -XX:TieredStopAtLevel=1
//DEPS info.picocli:picocli:4.7.7
//DEPS org.xerial:sqlite-jdbc:3.53.2.1
//DEPS com.h2database:h2:2.3.232
//DEPS com.microsoft.sqlserver:mssql-jdbc:12.10.2.jre11
//DEPS com.fasterxml.jackson.jr:jackson-jr-objects:2.22.4
//DEPS com.googlecode.libphonenumber:libphonenumber:9.0.43
//DEPS org.apache.commons:commons-csv:1.14.1
//DEPS me.tongfei:progressbar:0.10.2
//SOURCES ../lib/**/*.java
//SOURCES ../tests/support/SampleCopy.java
//SOURCES PeerServer.java
//SOURCES WarmWatch.java
//FILES sample/aim-v12.sql=../lib/sample/aim-v12.sql

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.core.Folders;
import lib.core.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The toolkit against the Python design it replaces (ADR-0016), on the same SQL Server (the TDS
 * server of ../shared/tds, holding the sample as the SQL Server tests copy it, at scale 1 or --scale): whole
 * processes, alternating, a warm-up round first, then the median of the rounds. Modes:
 * the Python peer's slice 4 (bench/peer/migrate_aim_slice4.py), {@code MigrateAim --slice 4}
 * into a copy of the same slices 1-3 output, and {@code MigrateAim --all}. The peer's three
 * tables are then compared row for row with the toolkit's (bench/peer/compare.py).
 */
@Command(name = "PeerBench", mixinStandardHelpOptions = true, description = "Benchmarks MigrateAim against its Python peer on a SQL Server source.")
public class PeerBench implements Callable<Integer> {
    @Option(names = "--rounds", description = "Timed rounds after the warm-up (default: ${DEFAULT-VALUE}); the median is reported.")
    int rounds = 3;

    @Option(names = "--scale", description = "The sample's scale copied into the server (default: ${DEFAULT-VALUE}); results of another "
            + "scale than 1 go to bench/results-peer-scaleN.json.")
    int scale = 1;

    @Option(names = "--heap", description = "Maximum heap for the MigrateAim processes (default: ${DEFAULT-VALUE}, as bench/Bench.java).")
    String heap = "512m";


    Path repo;
    Path tmp;
    PeerServer server;
    WarmWatch warm;

    public static void main(String... args) {
        System.exit(new CommandLine(new PeerBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        repo = Path.of("").toAbsolutePath();
        while (!Files.exists(repo.resolve("MigrateAim.java"))) repo = repo.getParent();
        tmp = Files.createTempDirectory("aim-peer-bench");
        warm = new WarmWatch(tmp);
        run(List.of("bash", repo.resolve("bench/peer/setup.sh").toString()), null, "setup");
        server = PeerServer.named(repo);
        server.ensureSample(scale);
        String python = python();

        Path base = tmp.resolve("base");
        System.out.println("slices 1-3 from the server into " + base + " (untimed)");
        migrate(List.of("--slice", "1,2,3", "--out", base.toString()), "base");

        Map<String, Mode> modes = new LinkedHashMap<>();
        modes.put("python peer --slice 4", new Mode("peer", i -> {
            Path out = tmp.resolve("peer-" + i);
            Files.createDirectories(out);
            return new Step(List.of("/usr/bin/python3", repo.resolve("bench/peer/migrate_aim_slice4.py").toString(), "--source", server.url(),
                    "--user", server.user(), "--from", base.resolve("helm.sqlite").toString(), "--out", out.resolve("helm.sqlite").toString()), null);
        }));
        modes.put("MigrateAim --slice 4", new Mode("slice4", i -> {
            Path out = tmp.resolve("slice4-" + i);
            Folders.deleteTree(out);
            copyTree(base, out); // the previous output --slice 4 starts from, as a user's out/ holds it
            return new Step(migrateCommand(List.of("--slice", "4", "--out", out.toString())), heap);
        }));
        modes.put("--slice 4, warm JVM", new Mode("warm4", i -> {
            Path out = tmp.resolve("warm4-" + i);
            Folders.deleteTree(out);
            copyTree(base, out);
            return new Step(migrateCommand(List.of("--slice", "4", "--out", out.toString())), heap, true);
        }));
        modes.put("MigrateAim --all", new Mode("all", i -> {
            Path out = tmp.resolve("all-" + i);
            Folders.deleteTree(out);
            return new Step(migrateCommand(List.of("--all", "--out", out.toString())), heap);
        }));

        System.out.println("warm-up round, then " + rounds + " timed rounds, alternating, each round starting one run later: "
                + String.join(", ", modes.keySet()));
        List<Mode> order = new ArrayList<>(modes.values());
        for (int round = 0; round <= rounds; round++) {
            // A run tends to be slower right after another (the server's and the disk's work from it): the order turns
            // each round, so no run always follows the same one.
            for (int k = 0; k < order.size(); k++) {
                Mode m = order.get((round + k) % order.size());
                Step s = m.command.at(round);
                double[] t = timed(s, m.key + "-" + round);
                if (round > 0) {
                    m.wall.add(t[0]);
                    m.rss.add(t[1]);
                    m.cpu.add(t[2]);
                    m.server.add(t[3]);
                }
            }
            System.out.println(round == 0 ? "  warm-up done" : "  round " + round + " done");
        }

        // The equality check: the peer's tables against the toolkit's --slice 4, from the last round.
        Path peerDb = tmp.resolve("peer-" + rounds).resolve("helm.sqlite"), javaDb = tmp.resolve("slice4-" + rounds).resolve("helm.sqlite");
        Process cmp = new ProcessBuilder(python, repo.resolve("bench/peer/compare.py").toString(), javaDb.toString(), peerDb.toString())
                .redirectErrorStream(true).start();
        String compared = new String(cmp.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean equal = cmp.waitFor() == 0;
        // And the run the warm JVM served: the same tables.
        Path warmDb = tmp.resolve("warm4-" + rounds).resolve("helm.sqlite");
        Process cmpWarm = new ProcessBuilder(python, repo.resolve("bench/peer/compare.py").toString(), warmDb.toString(), peerDb.toString())
                .redirectErrorStream(true).start();
        compared += "\nwarm JVM's --slice 4 against the peer:\n" + new String(cmpWarm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        equal &= cmpWarm.waitFor() == 0;

        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", Java " + System.getProperty("java.version") + ", " + pythonVersion(python);
        String date = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE);
        double peerWall = median(modes.get("python peer --slice 4").wall);
        double peerRss = median(modes.get("python peer --slice 4").rss);
        System.out.println();
        System.out.printf("%s, %s, source: %s (scale-%d sample), median of %d after a warm-up%n", date, machine, "Babelfish TDS server", scale, rounds);
        System.out.printf("| %-22s | %8s | %17s | %6s | %8s | %8s | %9s | %9s |%n", "run", "wall s", "rounds s", "CPU s", "server s", "RSS MB", "wall/peer",
                "RSS/peer");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(24), "-".repeat(9) + ":", "-".repeat(18) + ":", "-".repeat(7) + ":", "-".repeat(9) + ":",
                "-".repeat(9) + ":", "-".repeat(10) + ":", "-".repeat(10) + ":");
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map.Entry<String, Mode> e : modes.entrySet()) {
            Mode m = e.getValue();
            double wall = median(m.wall), rss = median(m.rss), cpu = median(m.cpu), server = median(m.server);
            System.out.printf("| %-22s | %8.2f | %17s | %6.2f | %8s | %8.0f | %9.2f | %9.2f |%n", e.getKey(), wall, fmt(m.wall), cpu,
                    server < 0 ? "n/a" : String.format("%.2f", server), rss, wall / peerWall, rss / peerRss);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", e.getKey());
            r.put("wall_seconds_median", round(wall));
            r.put("wall_seconds_rounds", m.wall.stream().map(PeerBench::round).toList());
            r.put("cpu_seconds_median", round(cpu));
            if (server >= 0) r.put("server_cpu_seconds_median", round(server));
            r.put("peak_rss_mb_median", Math.round(rss));
            r.put("wall_ratio_to_peer", round(wall / peerWall));
            r.put("rss_ratio_to_peer", round(rss / peerRss));
            results.add(r);
        }
        System.out.println("wall: whole process (JVM and JBang start, or Python start, included); CPU: the process's user and system time;");
        System.out.println("server: the CPU time of the server's postgres processes meanwhile (on the same cores); RSS: peak resident memory (/usr/bin/time);");
        System.out.println("warm JVM (AIM_WARM=1): timed once a warm JVM waits; its CPU and peak RSS (training included) are added to the launching JVM's;");
        System.out.println("ratio = this run / the Python peer's slice 4 (--all does all 7 slices, the peer only slice 4).");
        System.out.println("equality, peer vs MigrateAim --slice 4 (sales, sale_lines, sale_payments, every column, by id):");
        compared.lines().forEach(l -> System.out.println("  " + l));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date);
        json.put("machine", machine);
        json.put("source", "Babelfish for PostgreSQL (../shared/tds), scale-" + scale + " sample");
        json.put("rounds", rounds);
        json.put("heap", heap);
        json.put("results", results);
        json.put("peer_equal_to_toolkit", equal);
        json.put("comparison", compared);
        String resultsFile = scale == 1 ? "bench/results-peer.json" : "bench/results-peer-scale" + scale + ".json";
        Files.writeString(repo.resolve(resultsFile), Json.write(json));
        System.out.println("wrote " + resultsFile);
        warm.stopAll();
        Folders.deleteTree(tmp);
        return equal ? 0 : 1;
    }

    record Step(List<String> command, String heap, boolean warm) {
        Step(List<String> command, String heap) {
            this(command, heap, false);
        }
    }

    @FunctionalInterface
    interface StepAt {
        Step at(int round) throws Exception;
    }

    static final class Mode {
        final String key;
        final StepAt command;
        final List<Double> wall = new ArrayList<>(), rss = new ArrayList<>(), cpu = new ArrayList<>(), server = new ArrayList<>();

        Mode(String key, StepAt command) {
            this.key = key;
            this.command = command;
        }
    }

    /** Runs one whole process; returns {wall seconds, peak RSS MB, CPU seconds, the server's CPU seconds meanwhile (-1: unknown)}. */
    double[] timed(Step s, String name) throws Exception {
        Path rss = tmp.resolve(name + ".rss");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
        cmd.addAll(s.command());
        WarmWatch.Follow served = null;
        if (s.warm()) {
            // A warm JVM waits for this run before it is timed: the first comes from a run of --version.
            if (warm.ready() < 0) run(migrateCommand(List.of("--version")), s.heap(), name + "-first", true);
            served = WarmWatch.follow(warm.awaitReady());
        }
        double serverBefore = PeerServer.cpuSeconds();
        long start = System.nanoTime();
        run(cmd, s.heap(), name, s.warm());
        double wall = (System.nanoTime() - start) / 1e9;
        double serverAfter = PeerServer.cpuSeconds();
        String text = Files.readString(rss).strip();
        String[] said = text.substring(text.lastIndexOf('\n') + 1).strip().split("\\s+");
        double[] spare = {0, 0};
        if (served != null) {
            spare = served.result(); // the warm JVM's CPU and memory, beside the launching JVM's own
            warm.awaitReady(); // the next one trains now, before anything else is timed
        }
        return new double[] {wall, Long.parseLong(said[0]) / 1024.0 + spare[1], Double.parseDouble(said[1]) + Double.parseDouble(said[2]) + spare[0],
            serverBefore < 0 || serverAfter < 0 ? -1 : serverAfter - serverBefore};
    }

    void run(List<String> cmd, String heap, String name) throws Exception {
        run(cmd, heap, name, false);
    }

    void run(List<String> cmd, String heap, String name, boolean warmJvm) throws Exception {
        Path log = tmp.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        if (server != null) pb.environment().putAll(server.env()); // null: the peer's set-up, before the server is known
        if (server != null) pb.environment().put("AIM_PASSWORD", server.password());
        if (heap != null) pb.environment().put("JAVA_TOOL_OPTIONS", "-Xmx" + heap);
        if (warmJvm) warm.env(pb.environment());
        int exit = pb.start().waitFor();
        if (exit != 0) throw new IllegalStateException(name + " failed (exit " + exit + "):\n" + Files.readString(log));
    }

    void migrate(List<String> args, String name) throws Exception {
        run(migrateCommand(args), heap, name);
    }

    List<String> migrateCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("jbang").toString(), "MigrateAim.java", "--source", server.url(), "--user", server.user(), "-q"));
        cmd.addAll(args);
        return cmd;
    }

    static String python() {
        return "/usr/bin/python3";
    }

    static String pythonVersion(String python) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c", "import sys, pyodbc, sqlite3; print('Python %s, pyodbc %s, SQLite %s' % "
                + "(sys.version.split()[0], pyodbc.version, sqlite3.sqlite_version))").redirectErrorStream(true).start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return v;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static String fmt(List<Double> v) {
        return String.join(" ", v.stream().map(d -> String.format("%.2f", d)).toList());
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
