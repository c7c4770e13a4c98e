package lib.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.core.ExitCode;
import lib.core.Folders;
import lib.core.MigrationException;

/**
 * The pinned wrangler (npm), installed on first use into the toolkit's cache
 * (~/.cache/aim-toolkit/wrangler-VERSION), or one the user names.
 */
public final class Wrangler {
    /**
     * Pinned: the newest wrangler that runs on Node.js 20 (4.87 and later need Node 22). It
     * bundles a workerd with the statement-cache fix (workerd issue 5977, from 4.67.1 on) that
     * the 3.x line lacked after 3.78.12.
     */
    public static final String VERSION = "4.86.0";

    /** What a wrangler command printed and how it ended. */
    public record Result(int exitCode, String output) {}

    private final Path executable;

    public Wrangler(Path executable) {
        this.executable = executable;
    }

    public static synchronized Path ensureInstalled(java.util.function.Consumer<String> say) throws IOException {
        Path home = Folders.cacheRoot().resolve("wrangler-" + VERSION);
        Path bin = home.resolve("node_modules/.bin/wrangler");
        if (Files.isExecutable(bin)) return bin;
        Files.createDirectories(home.getParent());
        Path tmp = Files.createTempDirectory(home.getParent(), ".tmp-wrangler");
        say.accept("installing wrangler " + VERSION + " from the npm registry into " + home + " (once)");
        try {
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix",
                    tmp.toString(), "wrangler@" + VERSION).inheritIO().start();
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new MigrationException(ExitCode.BAD_INPUT, "npm install wrangler@" + VERSION
                        + " failed; install Node.js 20 with npm, or name a wrangler with --wrangler PATH");
            }
        } catch (IOException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot run npm to install wrangler " + VERSION
                    + " (" + e.getMessage() + "); install Node.js 20 with npm, or name a wrangler with --wrangler PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing wrangler", e);
        }
        if (Files.exists(home)) Folders.deleteTree(home);
        Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
        return bin;
    }

    /** Runs wrangler in {@code project} (the folder with wrangler.toml); output is captured, never shown raw. */
    public Result run(Path project, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("CI", "true");
        pb.environment().put("WRANGLER_SEND_METRICS", "false");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().put("FORCE_COLOR", "0"); // its error box is coloured even under NO_COLOR
        // No banner, so no "update available" or "out-of-date" nag for a version pinned on purpose.
        pb.environment().put("WRANGLER_HIDE_BANNER", "true");
        // Its "N commands executed successfully" is how --d1-apply knows a chunk ran: a WRANGLER_LOG=warn of the user's
        // shell would silence it.
        pb.environment().put("WRANGLER_LOG", "log");
        Path out = Files.createTempFile("wrangler", ".out");
        try {
            Process p;
            try {
                p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            } catch (IOException e) {
                throw new MigrationException(ExitCode.BAD_INPUT, "cannot run wrangler " + executable + " (" + e.getMessage()
                        + "); name a working one with --wrangler PATH, or leave it out to use the pinned " + VERSION);
            }
            if (!p.waitFor(1800, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, "wrangler " + String.join(" ", args) + " did not finish in 30 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running wrangler", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * What wrangler said, in {@code n} lines: from its first error line on ("✘ [ERROR] ..."), where it has one, else its
     * last lines (its hints before an error, "add a --remote flag", are not the cause); without colour codes, and without
     * its line on where its log went.
     */
    public static String said(String text, int n) {
        List<String> lines = text.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.contains("Logs were written to")).toList();
        for (int i = 0; i < lines.size(); i++) {
            int at = lines.get(i).indexOf("[ERROR]");
            if (at < 0) continue;
            List<String> error = new java.util.ArrayList<>(lines.subList(i, Math.min(lines.size(), i + n)));
            error.set(0, error.get(0).substring(at + "[ERROR]".length()).strip());
            return String.join(" / ", error);
        }
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
