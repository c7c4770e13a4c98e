package lib.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.core.DiskSpace;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.core.Shutdown;
import lib.core.Terminal;
import lib.core.Version;
import picocli.CommandLine;

/**
 * Runs a script's command: one handler turns a {@link MigrationException} into its
 * one-line message and exit code; anything unexpected becomes one line too, with
 * the stack trace only under --verbose.
 */
public final class Cli {
    private Cli() {}

    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** A script's own --help: its groups, examples and the exit codes it can end with. */
    interface Documented {
        void help(CommandLine cl);
    }

    public static CommandLine commandLine(Object command) {
        // Same input, same bytes on every machine: under ar-EG, %04d writes Arabic-Indic digits (the D1 files' names,
        // pseudonymous phones); under de-DE, %,d writes 1.234. Every number the toolkit writes or prints is ROOT's.
        Locale.setDefault(Locale.ROOT);
        CommandLine cl = new CommandLine(command);
        // Served by a warm JVM, picocli finds no terminal of its own: its colours follow the launching process's.
        if (Terminal.served()) cl.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.interactive() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        if (command instanceof Documented d) d.help(cl);
        cl.setParameterExceptionHandler(Cli::usageError);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            boolean verbose = parsed.hasMatchedOption("--verbose");
            // Ctrl-C stopped a child (wrangler) too, and its failure reached us: the interrupt's own line says what happened.
            if (Shutdown.inProgress() && !verbose) return ExitCode.INTERRUPTED.code;
            if (ex instanceof MigrationException me) {
                err.println(line.getCommandName() + ": " + me.getMessage());
                if (verbose) ex.printStackTrace(err);
                err.flush();
                return me.exitCode().code;
            }
            if (DiskSpace.isFull(ex)) {
                // A full disk anywhere the toolkit writes (a scratch folder, wrangler's export) is no bug: one line, exit 6.
                err.println(line.getCommandName() + ": a disk filled up (" + firstLine(ex) + "); free some space and run again"
                        + " (java.io.tmpdir is " + System.getProperty("java.io.tmpdir") + ")");
                if (verbose) ex.printStackTrace(err);
                err.flush();
                return ExitCode.IO_FAILED.code;
            }
            err.println(line.getCommandName() + ": unexpected error: " + ex
                    + (verbose ? "" : " (run again with --verbose for details)"));
            if (verbose) ex.printStackTrace(err);
            err.flush();
            return ExitCode.INTERNAL.code;
        });
        return cl;
    }

    /**
     * A mistyped command line: the mistake in one line, picocli's suggestions for a misspelt
     * option, and where the options are listed; not the whole help (exit 2).
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        String message = ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            // "--database x": the option is unknown, and x only its value; name the option alone.
            List<String> options = u.getUnmatched().stream().filter(a -> a.startsWith("-")).map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a).toList();
            message = options.isEmpty() ? "unexpected argument" + (u.getUnmatched().size() > 1 ? "s " : " ") + String.join(" ", u.getUnmatched())
                    : "unknown option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options);
        }
        if (ex instanceof CommandLine.MaxValuesExceededException) message = repeatedInGroup(message);
        err.println(line.getCommandName() + ": " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(line.getCommandName() + ": --help lists every option");
        err.flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * picocli's "expected only one match but got [GROUP]={--all} and [GROUP]={--all}" for an option of an
     * exclusive group given twice, as its own wording for any other option given twice.
     */
    static String repeatedInGroup(String message) {
        if (!message.startsWith("expected only one match")) return message;
        Matcher m = Pattern.compile("=\\{([^}=\\s]+)").matcher(message);
        Set<String> options = new LinkedHashSet<>();
        while (m.find()) options.add(m.group(1));
        return options.size() == 1 ? "option '" + options.iterator().next() + "' should be specified only once"
                : options.isEmpty() ? "an option was given more than once" : String.join(", ", options) + " are mutually exclusive (specify only one)";
    }

    private static String firstLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (DiskSpace.isFull(t) && (t.getCause() == null || !DiskSpace.isFull(t.getCause()))) {
                String m = String.valueOf(t.getMessage()).strip();
                return m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m;
            }
        }
        return String.valueOf(e.getMessage());
    }

    /** Supplies --version text for every script. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"${COMMAND-FULL-NAME} " + Version.TOOLKIT + " (AIM v12 -> Helm D1 toolkit)",
                "Java " + System.getProperty("java.version")};
        }
    }
}
