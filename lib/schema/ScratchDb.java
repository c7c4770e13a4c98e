package lib.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import lib.core.ExitCode;
import lib.core.Jdbc;
import lib.core.MigrationException;

/** An in-memory SQLite to apply migrations to, reporting failures at the line they came from. */
public final class ScratchDb implements AutoCloseable {
    private final Connection db;

    public ScratchDb() {
        try {
            db = Jdbc.sqliteInMemory();
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA foreign_keys = ON");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory SQLite: " + e.getMessage(), e);
        }
    }

    public Connection connection() {
        return db;
    }

    /** Applies every migration of the spec in order; lints for D1 first. */
    public ScratchDb apply(SpecDocument spec) {
        for (SpecDocument.Migration m : spec.migrations()) {
            apply(m.statements(), spec.path().toString(), true);
        }
        return this;
    }

    /** Executes statements; {@code where} names the file their line numbers belong to. */
    public ScratchDb apply(List<SqlScript.Statement> statements, String where, boolean lint) {
        for (SqlScript.Statement s : statements) {
            if (lint) {
                Optional<String> refused = D1Lint.check(s);
                if (refused.isPresent()) throw bad(where, s.line(), refused.get());
            }
            try (Statement st = db.createStatement()) {
                st.execute(s.sql());
            } catch (SQLException e) {
                throw bad(where, s.line(), "SQLite rejects this statement: " + clean(e.getMessage()));
            }
            if (lint) {
                Optional<String> wide = tooWide();
                if (wide.isPresent()) throw bad(where, s.line(), wide.get());
            }
        }
        return this;
    }

    private Optional<String> tooWide() {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT m.name, COUNT(*) FROM sqlite_schema m, pragma_table_info(m.name) "
                     + "WHERE m.type = 'table' GROUP BY m.name HAVING COUNT(*) > " + D1Lint.MAX_COLUMNS)) {
            if (rs.next()) {
                return Optional.of("table " + rs.getString(1) + " has " + rs.getInt(2) + " columns; D1 allows "
                        + D1Lint.MAX_COLUMNS);
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clean(String sqliteMessage) {
        // sqlite-jdbc wraps messages as "[SQLITE_ERROR] SQL error or missing database (near "x": syntax error)".
        String m = sqliteMessage == null ? "unknown error" : sqliteMessage;
        int open = m.indexOf('('), close = m.lastIndexOf(')');
        return open >= 0 && close > open && m.startsWith("[") ? m.substring(open + 1, close) : m;
    }

    private static MigrationException bad(String where, int line, String message) {
        return new MigrationException(ExitCode.BAD_INPUT, where + ":" + line + ": " + message);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // Closing an in-memory database cannot lose anything.
        }
    }
}
