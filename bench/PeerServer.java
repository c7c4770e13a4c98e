import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import lib.sample.SampleDatabase;
import tests.support.SampleCopy;

/**
 * The SQL Server (TDS) PeerBench reads: the one AIM_TEST_MSSQL_URL names, or the one ../shared/tds/start starts; the
 * sample in it; and the CPU time its processes spend, beside the runs' own.
 */
final class PeerServer {
    private final Map<String, String> server = new HashMap<>();

    private PeerServer() {}

    /** The server's AIM_TEST_MSSQL_* variables, for the runs' environment. */
    Map<String, String> env() {
        return server;
    }

    String url() {
        return server.get("AIM_TEST_MSSQL_URL");
    }

    String user() {
        return server.getOrDefault("AIM_TEST_MSSQL_USER", "");
    }

    String password() {
        return server.get("AIM_TEST_MSSQL_PASSWORD") == null ? "" : server.get("AIM_TEST_MSSQL_PASSWORD");
    }

    /** The server named by AIM_TEST_MSSQL_URL, or the one ../shared/tds/start starts (it prints the export lines). */
    static PeerServer named(Path repo) throws Exception {
        PeerServer s = new PeerServer();
        for (String k : List.of("AIM_TEST_MSSQL_URL", "AIM_TEST_MSSQL_USER", "AIM_TEST_MSSQL_PASSWORD")) {
            if (System.getenv(k) != null) s.server.put(k, System.getenv(k));
        }
        if (s.url() != null && !s.url().isBlank()) return s;
        System.out.println("AIM_TEST_MSSQL_URL is not set: starting ../shared/tds");
        Process p = new ProcessBuilder("bash", repo.resolve("../shared/tds/start").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("../shared/tds/start failed");
        for (String line : said.split("\n")) {
            var m = java.util.regex.Pattern.compile("export (\\w+)='(.*)'").matcher(line.strip());
            if (m.matches()) s.server.put(m.group(1), m.group(2));
        }
        return s;
    }

    Connection connect() throws Exception {
        Properties login = new Properties();
        login.setProperty("user", user());
        login.setProperty("password", server.getOrDefault("AIM_TEST_MSSQL_PASSWORD", ""));
        return DriverManager.getConnection(url(), login);
    }

    /** The sample at --scale in the server, copied from the H2 sample unless this version and scale are there already (tests/support/SampleCopy). */
    void ensureSample(int scale) throws Exception {
        String id = SampleCopy.sampleId(scale);
        try (Connection db = connect()) {
            if (SampleCopy.holds(db, id)) {
                System.out.println("the server holds the scale-" + scale + " sample (" + id + ")");
                return;
            }
            System.out.println("copying the scale-" + scale + " sample into the server (" + id + ")");
            SampleCopy.ensure(db, SampleDatabase.ensure(scale, m -> {}));
        }
    }

    /**
     * The CPU seconds of the TDS server's processes so far (Babelfish is PostgreSQL: a postgres process per
     * session, whose time goes to the postmaster's children's time when it ends); -1 when none can be read.
     * A process is known by the name in its stat, which a session that has ended but is not yet reaped keeps
     * (its executable can no longer be read): the Python peer's session ends as the peer exits, and was missed so.
     */
    static double cpuSeconds() {
        long ticks = 0;
        boolean found = false;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                if (!stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals("postgres")) continue;
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]); // utime stime cutime cstime
                found = true;
            } catch (java.io.IOException | RuntimeException gone) {
                // ended meanwhile: its time is its parent's now
            }
        }
        return found ? ticks / 100.0 : -1; // USER_HZ, 100 on Linux
    }
}
