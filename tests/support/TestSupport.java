package tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.cli.Cli;
import picocli.CommandLine;

/** Helpers shared by the tests: run a command in-process or as a script, query a database. */
public final class TestSupport {
    private TestSupport() {}

    /** The repository root (tests run from it, or from tests/). */
    public static Path repo() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("MigrateAim.java"))) return p;
        }
        throw new IllegalStateException("cannot find the repository root from " + here);
    }

    public record Run(int exit, String out, String err) {
        public String all() {
            return out + err;
        }

        /** stderr without the line a run says before its first login to a SQL Server ("Connecting to ..."): what went wrong. */
        public String failure() {
            return String.join("\n", err.lines().filter(l -> !l.startsWith("Connecting to ")).toList());
        }
    }

    /** Runs a picocli command in-process, capturing its output. */
    public static Run run(Object command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Cli.commandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs a command line as a separate process from the repository root. */
    public static Run process(List<String> command, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("proc", ".out"), errFile = Files.createTempFile("proc", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Run(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    /**
     * Sets what a run of {@code aim} sets when it starts (lib.source.SourceCollation.use): how codes compare and the types
     * of the flags the figures read. They stay from the last run in this JVM (a SQL Server's collations) for a test that
     * calls the figures itself.
     */
    public static void asARunSees(Connection aim) {
        lib.source.SourceCollation.use(aim, lib.slices.Slices.tableNames());
    }

    public static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** SHA-256 over every value of every row of a table, in the given order. */
    public static String tableHash(Connection db, String table, String orderBy) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    String v = rs.getString(i);
                    md.update((v == null ? "\u0000NULL" : v).getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0x1F);
                }
                md.update((byte) 0x1E);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection h2(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
