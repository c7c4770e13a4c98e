package lib.source;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.core.ExitCode;
import lib.core.MigrationException;

/**
 * Turns what the JDBC driver says when it cannot connect into one line: what
 * failed, and the fix (usually a connection-string property). All exit 3.
 */
public final class SourceErrors {
    private SourceErrors() {}

    public static MigrationException explain(SQLException e, String maskedUrl, String user) {
        String all = chain(e).toLowerCase(Locale.ROOT);
        String where = " (" + maskedUrl + ")";
        String why;
        if (all.contains("not configured to support ssl") || all.contains("does not support encryption")) {
            // The driver asks for encryption by default (encrypt=true); trusting a certificate cannot help when there is none.
            // Named as the whole URL: a run with --host has no option for it.
            why = "the SQL Server does not support encryption" + where + ", and the driver asks for it by default: run with --source '"
                    + withProperty(maskedUrl, "encrypt", "false") + "' (the login and the data then cross the network unencrypted; prefer a VPN to the shop)";
        } else if (all.contains("pkix") || all.contains("certificate") || all.contains("secure sockets layer") || all.contains("ssl")
                || all.contains("tls")) {
            why = "the TLS handshake with SQL Server failed" + where + ": an old server's self-signed certificate is not trusted "
                    + "by default. Add ;trustServerCertificate=true (keeps encryption; --trust-server-certificate with --host) or ;encrypt=false to --source. A server "
                    + "that speaks only TLS 1.0 also needs ;sslProtocol=TLSv1 and TLSv1 enabled in the JDK "
                    + "(remove it from jdk.tls.disabledAlgorithms in java.security)";
        } else if (e.getErrorCode() == 4060 || e.getErrorCode() == 911 || all.contains("cannot open database") || e.getErrorCode() == 90146
                || all.contains("database") && (all.contains("not found") || all.contains("does not exist"))) {
            why = "the database does not exist or this login may not open it" + where
                    + (maskedUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") ? ": check the file's path in --source (without its .mv.db)" : ": check databaseName= in --source");
        } else if (e.getErrorCode() == 18456 || all.contains("login failed") || "28000".equals(e.getSQLState())
                || all.contains("wrong user name or password")) {
            why = "login failed for user " + (user == null ? "(none given)" : user) + where
                    + ": check --user (or AIM_USER) and the password (AIM_PASSWORD, or the one typed at the prompt); for a Windows login add ;integratedSecurity=true;authenticationScheme=NTLM;domain=DOMAIN";
        } else if (all.contains("named instance") && (all.contains("1434") || all.contains("browser"))) {
            // The instance is looked up through the SQL Server Browser (UDP 1434): a longer timeout finds it no sooner.
            why = "cannot find the named SQL Server instance" + where + ": " + firstLine(e.getMessage()) + " (or name its TCP port instead: "
                    + "jdbc:sqlserver://HOST:PORT;databaseName=..., without instanceName)";
        } else if (all.contains("timed out") || all.contains("timeout") || has(e, SQLTimeoutException.class) || has(e, SocketTimeoutException.class)) {
            why = "the source did not answer in time" + where + ": check the host and firewall, or raise --login-timeout / --query-timeout";
        } else if (all.contains("tcp/ip connection to the host") || all.contains("connection refused") || has(e, ConnectException.class)
                || has(e, UnknownHostException.class) || all.contains("unknownhost")) {
            why = "cannot reach the SQL Server" + where + ": check the host name and port, that SQL Server accepts TCP/IP "
                    + "connections (SQL Server Configuration Manager) and that no firewall blocks the port";
        } else {
            why = "cannot connect to the AIM source" + where + ": " + firstLine(e.getMessage());
        }
        return new MigrationException(ExitCode.SOURCE_UNREACHABLE, why, e);
    }

    /** {@code url} with {@code key=value}: in place of the key's value where it has one (any case), else added at the end. */
    static String withProperty(String url, String key, String value) {
        Matcher m = Pattern.compile("(?i)(;\\s*" + Pattern.quote(key) + "\\s*=)[^;]*").matcher(url);
        return m.find() ? url.substring(0, m.start()) + m.group(1) + value + url.substring(m.end())
                : url + (url.endsWith(";") ? "" : ";") + key + "=" + value;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        return sb.toString();
    }

    public static String firstLine(String message) {
        if (message == null) return "no detail from the driver";
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
