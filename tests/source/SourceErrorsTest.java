package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.source.SourceConnection;
import lib.source.SourceErrors;
import lib.source.SourceRefusals;
import org.junit.jupiter.api.Test;

/** The driver's failures as mssql-jdbc words them, each turned into one line with the fix (exit 3). */
class SourceErrorsTest {
    static final String URL = "jdbc:sqlserver://aim-host:1433;databaseName=AIM";

    static String explain(SQLException e) {
        MigrationException m = SourceErrors.explain(e, URL, "aim_reader");
        assertEquals(ExitCode.SOURCE_UNREACHABLE, m.exitCode());
        assertFalse(m.getMessage().contains("\n"), "one line");
        return m.getMessage();
    }

    /**
     * A named instance (instanceName=) is found through the SQL Server Browser on UDP 1434; with the Browser stopped or the
     * port blocked the driver times out and says so. Its hint is the fix, not a longer timeout (helper-48's trial, F6).
     */
    @Test
    void aNamedInstanceNotFoundKeepsTheDriversHint() {
        String said = explain(new SQLException("The connection to the host aim-host, named instance AIMSQL failed. Error: \"java.net.SocketTimeoutException: "
                + "Receive timed out\". Verify the server and instance names and check that no firewall is blocking UDP traffic to port 1434. For SQL "
                + "Server 2005 or later, verify that the SQL Server Browser Service is running on the host.", "08S01", 0,
                new java.net.SocketTimeoutException("Receive timed out")));
        assertTrue(said.contains("named instance AIMSQL") && said.contains("UDP") && said.contains("1434") && said.contains("SQL Server Browser"), said);
        assertFalse(said.contains("--login-timeout"), said);
    }

    @Test
    void eachKnownFailureNamesItsFix() {
        assertTrue(explain(new SQLException("The driver could not establish a secure connection to SQL Server by using Secure Sockets "
                + "Layer (SSL) encryption. Error: \"PKIX path building failed: unable to find valid certification path\".", "08S01", 0))
                .contains("trustServerCertificate=true"));
        assertTrue(explain(new SQLException("The server selected protocol version TLS10 is not accepted by client preferences [TLS13, TLS12]", "08S01", 0))
                .contains("sslProtocol=TLSv1"));
        assertTrue(explain(new SQLException("Login failed for user 'aim_reader'.", "S0001", 18456))
                .startsWith("login failed for user aim_reader"));
        assertTrue(explain(new SQLException("Cannot open database \"AIMX\" requested by the login. The login failed.", "S0001", 4060))
                .contains("check databaseName="));
        assertTrue(explain(new SQLException("The TCP/IP connection to the host aim-host, port 1433 has failed.", "08S01", 0,
                new ConnectException("Connection refused"))).startsWith("cannot reach the SQL Server"));
        assertTrue(explain(new SQLTimeoutException("The query has timed out.")).contains("--query-timeout"));
        String noTls = explain(new SQLException("The driver could not establish a secure connection to SQL Server by using Secure Sockets "
                + "Layer (SSL) encryption. The application requested encryption but the server is not configured to support SSL.", "08S01", 0));
        assertTrue(noTls.contains("run with --source '" + URL + ";encrypt=false'") && !noTls.contains("trustServerCertificate"), noTls);
        assertTrue(explain(new SQLException("Database 'AIMX' does not exist. Make sure that the name is entered correctly.", "S0001", 911))
                .contains("check databaseName="));
    }

    @Test
    void theAdvisedUrlSetsItsPropertyOnceWhateverTheUrlHeld() {
        SQLException noTls = new SQLException("The TDS prelogin response is incomplete. The target server must be a SQL Server, and "
                + "the server is not configured to support SSL.", "08S01", 0);
        for (String[] c : new String[][] {{URL, URL + ";encrypt=false"}, {URL + ";", URL + ";encrypt=false"},
                {URL + ";Encrypt=true;loginTimeout=5", URL + ";Encrypt=false;loginTimeout=5"}, {URL + "; encrypt = strict", URL + "; encrypt =false"}}) {
            String m = SourceErrors.explain(noTls, c[0], null).getMessage();
            assertTrue(m.contains("--source '" + c[1] + "'"), c[0] + " -> " + m);
        }
    }

    @Test
    void credentialsInUrlsAreMaskedOrRefused() {
        assertEquals("jdbc:sqlserver://h;user=a;password=****", SourceConnection.masked("jdbc:sqlserver://h;user=a;password=hunter2"));
        MigrationException e = assertThrows(MigrationException.class, () -> SourceConnection.refusePasswordInUrl("jdbc:sqlserver://h;Password=x"));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertFalse(e.getMessage().contains("=x"));
    }

    /**
     * SQL Server's refusals of a permission name the table, whether the DENY is on the table (Msg 229) or on one of its
     * columns (Msg 230, which the catalogue does not show: the table and the column are listed, the read is refused), so
     * the run says the login and the GRANT (exit 4), not that the connection failed. Babelfish, the TDS test server, has
     * no DENY, so these are SQL Server's own texts.
     */
    @Test
    void aDenyOnATableOrOnOneOfItsColumnsNamesTheTable() {
        SourceRefusals.Denied table = SourceRefusals.denied(new SQLException(
                "The SELECT permission was denied on the object 'TKTPAY', database 'AIM', schema 'dbo'.", "S0001", 229));
        assertEquals(new SourceRefusals.Denied("TKTPAY", "dbo"), table);
        SourceRefusals.Denied column = SourceRefusals.denied(new SQLException(
                "The SELECT permission was denied on the column 'EMAIL' of the object 'CUST', database 'AIM', schema 'dbo'.", "S0001", 230));
        assertEquals(new SourceRefusals.Denied("CUST", "dbo"), column);
        assertNotNull(SourceRefusals.denied(new SQLException("denied, in another language", "S0001", 230)), "by its number when the text is another");
        assertNull(SourceRefusals.denied(new SQLException("Invalid column name 'EMAIL'.", "S0001", 207)));
    }
}
