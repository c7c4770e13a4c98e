package lib.core;

/**
 * The one exception any layer throws to end a run: an exit code and a one-line
 * message (what, where, what to do). The scripts' handler prints the message and
 * returns the code; the stack trace only with --verbose.
 */
public class MigrationException extends RuntimeException {
    private final ExitCode exitCode;

    public MigrationException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public MigrationException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
