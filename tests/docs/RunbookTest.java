package tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tests.support.DocShell;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/**
 * RUNBOOK.md cannot rot: every `sh` block in it runs, in order, in one shell with
 * `set -e`, against a copy of the sample, from a copy of the toolkit folder.
 * The only change: `--remote` becomes `--local` (no Cloudflare account here).
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT) // beside the other tests (tests/RunTests.java), not beside the other document session
@ResourceLock(DocShell.SESSION)
class RunbookTest {
    @Test
    void everyShellCommandInTheRunbookRunsAgainstTheSample(@TempDir Path tmp) throws Exception {
        String runbook = Files.readString(TestSupport.repo().resolve("RUNBOOK.md"));
        List<String> blocks = DocShell.shBlocks(runbook);
        assertTrue(blocks.size() >= 10, "the runbook's commands: " + blocks);
        String all = String.join("", blocks);
        for (String needed : List.of("--check-source", "--profile", "--slice 4", "--redact", "--isolation consistent", "--d1-apply helm",
                "--d1-verify helm", "--verify-manifest", "--d1-migrate helm", "VerifySchema.java migrations/schema-spec.md --d1 helm", "export portable")) {
            assertTrue(all.contains(needed), "the runbook runs " + needed);
        }

        // The toolkit folder as a person has it, and the stand-ins for the shop's server and the Helm project.
        Path toolkit = DocShell.toolkitCopy(tmp.resolve("toolkit"));
        Path repo = TestSupport.repo();
        String sourceUrl = SampleRun.writableCopy(tmp.resolve("aim"));
        Path helmProject = Wrangler.project(tmp.resolve("helm-app"), repo.resolve("migrations"));
        Path wranglerBin = Wrangler.ensureInstalled().getParent();

        String script = "set -euo pipefail\nPS4='+ [${SECONDS}s] '\nset -x\n" + all.replace("--remote", "--local");
        Path file = Files.writeString(tmp.resolve("runbook.sh"), script);
        ProcessBuilder pb = DocShell.in(toolkit, List.of("bash", file.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("runbook.log").toFile());
        pb.environment().put("AIM_SOURCE_URL", sourceUrl);
        pb.environment().put("HELM_PROJECT", helmProject.toString());
        pb.environment().put("PATH", wranglerBin + ":" + System.getenv("PATH"));
        pb.environment().put("CI", "true");
        pb.environment().put("WRANGLER_SEND_METRICS", "false");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("AIM_USER");
        pb.environment().remove("AIM_PASSWORD");
        Process p = pb.start();
        assertTrue(p.waitFor(1200, TimeUnit.SECONDS), "the runbook took more than 20 minutes");
        String log = Files.readString(tmp.resolve("runbook.log"));
        assertEquals(0, p.exitValue(), "a runbook command failed:\n" + log.substring(Math.max(0, log.length() - 4000)));

        assertTrue(Files.isRegularFile(toolkit.resolve("out/profile.md")));
        assertTrue(Files.isRegularFile(toolkit.resolve("cutover/manifest.json")));
        assertTrue(Files.isRegularFile(toolkit.resolve("vm-kit/MigrateAim.jar")));
        assertTrue(Files.readString(toolkit.resolve("out-redacted/report.md")).contains("**REDACTED**"));
        assertTrue(log.contains("content checksums all agree"), "the D1 load was verified");
        assertTrue(log.contains("all match"), "--verify-manifest ran");
    }
}
