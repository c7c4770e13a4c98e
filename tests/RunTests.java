///usr/bin/env jbang "$0" "$@" ; exit $?
//DESCRIPTION Runs every test of the toolkit on the JUnit 5 platform and ends with 'N passed, N failed, N skipped'.
//JAVA 17+
//JAVA_OPTIONS --enable-native-access=ALL-UNNAMED
//MANIFEST Enable-Native-Access=ALL-UNNAMED
//COMPILE_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS org.xerial:sqlite-jdbc:3.53.2.1
//DEPS com.h2database:h2:2.3.232
//DEPS com.microsoft.sqlserver:mssql-jdbc:12.10.2.jre11
//DEPS com.fasterxml.jackson.jr:jackson-jr-objects:2.22.4
//DEPS com.googlecode.libphonenumber:libphonenumber:9.0.43
//DEPS org.apache.commons:commons-csv:1.14.1
//DEPS me.tongfei:progressbar:0.10.2
//DEPS org.junit:junit-bom:5.14.4@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-launcher
//DEPS net.jqwik:jqwik:1.9.3
//SOURCES ../lib/**/*.java
//FILES sample/aim-v12.sql=../lib/sample/aim-v12.sql
//SOURCES support/*.java
//SOURCES */*Test.java
//SOURCES faults/FaultMatrix.java

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The test command: runs every test class under tests/ (or those whose name
 * contains one of the arguments), prints each failure readably, and ends with
 * the line "N passed, N failed, N skipped". Exits 1 on any failure or when no test ran.
 * {@code --fast} leaves out the tests tagged "slow" (whole-sample runs through wrangler,
 * the SQL Server, subprocesses and signals): the quick loop while editing; CI runs all.
 */
public class RunTests {
    /** The test classes that run beside the others (see main). */
    static final List<String> DOC_SESSIONS = List.of("tests.docs.RunbookTest", "tests.docs.ReadmeSessionTest");

    /**
     * Builds the three scripts, as they are now, into JBang's cache before any test starts (once; half a second each
     * after that): the document sessions run them from a copy of the toolkit folder, which JBang finds there by
     * their content, so no two tests ever build the same script at the same time.
     */
    static void buildScripts() {
        java.nio.file.Path repo = tests.support.TestSupport.repo();
        for (String script : List.of("MigrateAim.java", "ExtractMigrations.java", "VerifySchema.java")) {
            try {
                Process p = new ProcessBuilder(repo.resolve("jbang").toString(), script, "--version").directory(repo.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) System.out.println("note: ./jbang " + script + " --version failed (exit " + p.exitValue() + "); the tests will say why");
            } catch (java.io.IOException e) {
                System.out.println("note: cannot run ./jbang " + script + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static void main(String... args) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage("tests"))
                .filters(ClassNameFilter.includeClassNamePatterns(".*Test"));
        List<String> names = new ArrayList<>(List.of(args));
        boolean fast = names.remove("--fast");
        if (fast) request.filters(TagFilter.excludeTags("slow"));
        if (!names.isEmpty()) {
            String any = String.join("|", names);
            request.filters(ClassNameFilter.includeClassNamePatterns(".*(" + any + ").*"));
        }
        // The two document sessions (RUNBOOK.md, the README's), tagged CONCURRENT, run one after the other on a
        // second thread beside the rest, which run in order on the first: they are subprocesses from end to end,
        // and their wrangler and JBang time overlaps the in-process tests' (CI 15 -> 13 min).
        request.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
        if (!fast && (names.isEmpty() || DOC_SESSIONS.stream().anyMatch(c -> c.matches(".*(" + String.join("|", names) + ").*")))) {
            buildScripts();
        }
        LauncherDiscoveryRequest discovery = request.build();
        PrintWriter out = new PrintWriter(System.out, true);
        AtomicLong passed = new AtomicLong(), failed = new AtomicLong(), skipped = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                if (test.isTest() || test.isContainer()) {
                    skipped.incrementAndGet();
                    out.println("SKIP " + test.getDisplayName() + ": " + reason);
                }
            }

            private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void executionStarted(TestIdentifier test) {
                started.put(test.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failed.incrementAndGet();
                        report(test, result);
                    }
                    return;
                }
                switch (result.getStatus()) {
                    case SUCCESSFUL -> { passed.incrementAndGet(); out.println("ok   " + name(test) + took(test)); }
                    case ABORTED -> { skipped.incrementAndGet(); out.println("SKIP " + name(test) + ": "
                            + result.getThrowable().map(Throwable::getMessage).orElse("aborted")); }
                    case FAILED -> { failed.incrementAndGet(); report(test, result); }
                }
            }

            private void report(TestIdentifier test, TestExecutionResult result) {
                Throwable t = result.getThrowable().orElse(null);
                String msg = "FAIL " + name(test) + "\n     " + (t == null ? "(no detail)" : t);
                if (t != null) {
                    for (StackTraceElement e : t.getStackTrace()) {
                        if (e.getClassName().startsWith("tests.") || e.getClassName().startsWith("lib.")) {
                            msg += "\n       at " + e;
                        }
                    }
                }
                failures.add(msg);
                out.println(msg);
            }

            private String took(TestIdentifier test) {
                Long t = started.get(test.getUniqueId());
                return t == null ? "" : String.format(" (%.1f s)", (System.nanoTime() - t) / 1e9);
            }

            private String name(TestIdentifier test) {
                String parent = test.getParentId().map(id -> id.replaceAll(".*class:([^\\]]+).*", "$1")).orElse("");
                return parent.replaceFirst("^tests\\.", "") + " > " + test.getDisplayName();
            }
        });
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failures:");
            failures.forEach(out::println);
        }
        long total = passed.get() + failed.get();
        out.println();
        out.println(passed.get() + " passed, " + failed.get() + " failed" + (skipped.get() > 0 ? ", " + skipped.get() + " skipped" : ""));
        System.exit(failed.get() > 0 || total == 0 ? 1 : 0);
    }
}
