package lib.cli;

import java.util.List;

/**
 * What a run loads first, loaded on a thread of its own while the command line is parsed and the
 * previous output read: the JVM's second core is idle then, and a driver's first use costs a few
 * hundred milliseconds of class loading (DriverManager initialises every driver on the class path
 * at the first connection, mssql-jdbc's signed jar is verified on its first class, sqlite-jdbc
 * unpacks and loads its native library). A class loads once, and a second caller waits for the
 * first: nothing here changes what a run does, only when the work happens.
 */
public final class Preload {
    private Preload() {}

    private static final List<String> SQL_SERVER = List.of("com.microsoft.sqlserver.jdbc.SQLServerConnection43",
            "com.microsoft.sqlserver.jdbc.TDSChannel", "com.microsoft.sqlserver.jdbc.TDSParser", "com.microsoft.sqlserver.jdbc.TDSReader", "com.microsoft.sqlserver.jdbc.TDSWriter",
            "com.microsoft.sqlserver.jdbc.SQLServerPreparedStatement", "com.microsoft.sqlserver.jdbc.SQLServerResultSet",
            "com.microsoft.sqlserver.jdbc.SQLServerResultSetMetaData", "com.microsoft.sqlserver.jdbc.SQLServerDatabaseMetaData",
            "com.microsoft.sqlserver.jdbc.DTV", "com.microsoft.sqlserver.jdbc.DDC", "com.microsoft.sqlserver.jdbc.TypeInfo",
            "com.microsoft.sqlserver.jdbc.SQLCollation", "com.microsoft.sqlserver.jdbc.StreamLoginAck",
            "com.microsoft.sqlserver.jdbc.StreamColumns");

    private static final List<String> H2 = List.of("org.h2.engine.Database", "org.h2.engine.SessionLocal",
            "org.h2.command.Parser", "org.h2.mvstore.MVStore", "org.h2.jdbc.JdbcConnection", "org.h2.jdbc.JdbcResultSet");

    /** Starts loading what {@code args} (MigrateAim's) will use: every JDBC driver, the report reader, SQLite, the source's driver classes. */
    public static void forMigrateAim(String... args) {
        String env = System.getenv("AIM_SOURCE_URL");
        boolean sqlServer = env != null && env.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:sqlserver:"), h2 = false;
        for (String a : args) {
            String lower = a.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("jdbc:sqlserver:") || lower.equals("--host") || lower.startsWith("--host=")) sqlServer = true;
            if (lower.contains("jdbc:h2:") || lower.equals("--sample") || lower.startsWith("--sample=")) h2 = true;
        }
        List<String> source = sqlServer ? SQL_SERVER : h2 ? H2 : List.of();
        boolean embedded = h2 && !sqlServer;
        String sampleValue = sampleValue(args);
        Thread t = new Thread(() -> {
            try {
                // A run on H2 (the sample) opens SQLite and H2 with their own drivers (lib.core.Jdbc) and never loads
                // mssql-jdbc's signed jar; any other initialises every JDBC driver on the class path once, here (DriverManager's
                // first connection does it otherwise, on the main thread).
                if (embedded) lib.core.Jdbc.loadEmbeddedDrivers();
                else java.sql.DriverManager.getDrivers();
                ClassLoader loader = Preload.class.getClassLoader();
                Class.forName("lib.core.Json", true, loader); // the previous report is read first
                openSample(sampleValue);
                for (String name : source) Class.forName(name, false, loader);
                org.sqlite.SQLiteJDBCLoader.initialize(); // needed later, once the source answers
            } catch (Throwable ignored) {
                // Only a head start: whatever failed here fails again, and is reported, where the run uses it.
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The embedded sample's database, opened here when the run reads a sample that is generated already (nothing is
     * generated here): H2 opens a database once a process, reading its catalogue (0.35-0.4 s at scale 1), and the run's
     * own connections to the same URL join it. This connection stays open to the end of the process, read-only.
     */
    private static volatile java.sql.Connection sample;

    /** Closes the sample opened for a run that is over (a warm JVM's training run): the next run opens its own. */
    static void forgetSample() {
        java.sql.Connection c = sample;
        sample = null;
        if (c == null) return;
        try {
            c.close();
        } catch (java.sql.SQLException ignored) {
            // closing only
        }
    }

    private static void openSample(String value) throws java.sql.SQLException {
        if (value == null) return;
        lib.sample.SampleDatabase.Choice choice = lib.sample.SampleDatabase.parse(value);
        String url = lib.sample.SampleDatabase.cachedUrl(choice.scale(), choice.scenario());
        if (url != null) sample = lib.core.Jdbc.connect(url);
    }

    /** --sample's value as picocli reads it (--sample=V, --sample V, or --sample alone: 1); null without --sample. */
    public static String sampleValue(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--sample=")) return args[i].substring("--sample=".length());
            if (args[i].equals("--sample")) return i + 1 < args.length && !args[i + 1].startsWith("-") ? args[i + 1] : "1";
        }
        return null;
    }
}
