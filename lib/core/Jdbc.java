package lib.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens the toolkit's JDBC connections. SQLite's and H2's URLs go to their drivers directly: the first
 * DriverManager connection loads every driver on the class path, and mssql-jdbc's signed jar takes about
 * 0.3 s of class loading and signature checks, which a run on the sample never needs. Other URLs (SQL
 * Server's) go through DriverManager, whose login timeout mssql-jdbc reads.
 */
public final class Jdbc {
    private Jdbc() {}

    /** The drivers, made when first needed (their classes load then). */
    private static final class Sqlite {
        static final Driver DRIVER = new org.sqlite.JDBC();
    }

    private static final class H2 {
        static final Driver DRIVER = new org.h2.Driver();
    }

    /** Loads the drivers of SQLite and H2 (the preload thread's head start). */
    public static void loadEmbeddedDrivers() {
        java.util.Objects.requireNonNull(Sqlite.DRIVER);
        java.util.Objects.requireNonNull(H2.DRIVER);
    }

    public static Connection connect(String url) throws SQLException {
        return connect(url, new Properties());
    }

    /** A connection to {@code url}: SQLite and H2 with their own drivers, anything else through DriverManager. */
    public static Connection connect(String url, Properties props) throws SQLException {
        String lower = url.toLowerCase(Locale.ROOT);
        Driver driver = lower.startsWith("jdbc:sqlite:") ? Sqlite.DRIVER : lower.startsWith("jdbc:h2:") ? H2.DRIVER : null;
        if (driver == null) return DriverManager.getConnection(url, props);
        Connection c = driver.connect(url, props);
        if (c == null) throw new SQLException("No suitable driver found for " + url, "08001");
        return c;
    }

    /**
     * A SQLite database file, opened without SQLite's own lock around each call: sqlite-jdbc already makes
     * every call on a connection in turn (it holds the connection's monitor), and the lock costs the D1 files'
     * writer about a tenth of its time.
     */
    public static Connection sqlite(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.NOMUTEX);
        return connect("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    /** An in-memory SQLite database, its own. */
    public static Connection sqliteInMemory() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.NOMUTEX);
        return connect("jdbc:sqlite::memory:", config.toProperties());
    }
}
