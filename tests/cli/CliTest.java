package tests.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.Callable;
import lib.cli.CommonOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** The one error handler: an unexpected failure is one line and exit 70; the trace only with --verbose. */
class CliTest {
    @Command(name = "Boom")
    static final class Boom implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            throw new IllegalStateException("something nobody planned for");
        }
    }

    @Test
    void anUnexpectedErrorIsOneLineAndExitSeventy() {
        Run quiet = TestSupport.run(new Boom());
        assertEquals(70, quiet.exit());
        assertEquals("Boom: unexpected error: java.lang.IllegalStateException: something nobody planned for (run again with --verbose for details)",
                quiet.err().strip());
        Run verbose = TestSupport.run(new Boom(), "--verbose");
        assertEquals(70, verbose.exit());
        assertTrue(verbose.err().contains("\tat tests.cli.CliTest$Boom.call"), verbose.err());
    }
}
