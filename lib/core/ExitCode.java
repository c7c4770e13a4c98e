package lib.core;

/** The one exit-code table shared by all three scripts (README lists the same). */
public enum ExitCode {
    OK(0, "success"),
    CHECK_FAILED(1, "the check failed: drift, reconciliation broken, stale migrations"),
    BAD_INPUT(2, "bad input or usage"),
    SOURCE_UNREACHABLE(3, "cannot reach or log in to the source database"),
    SOURCE_INCOMPLETE(4, "the source lacks tables or columns the selected slices read, or this login may not read them (no SELECT permission, another schema)"),
    IO_FAILED(6, "the output could not be written (permissions, full disk)"),
    D1_LOAD_FAILED(7, "wrangler failed on D1 (migrate, load, rollback); --d1-apply resumes after the last loaded chunk when run again"),
    INTERNAL(70, "an unexpected internal error (a bug: run again with --verbose and report the trace)"),
    INTERRUPTED(130, "stopped by Ctrl-C (143: by SIGTERM; 129: by SIGHUP, a dropped ssh session); the previous output is left intact, unless the run had already moved its new output into place, as it then says");

    public final int code;
    public final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }
}
