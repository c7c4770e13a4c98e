package tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The warm JVMs (env AIM_WARM=1, lib/core/WarmJvm.java) a test started, directly or after its runs. */
public final class WarmJvms {
    private WarmJvms() {}

    /** Stops {@code started} and every warm JVM with {@code runtime} as its XDG_RUNTIME_DIR, and waits for them to end. */
    public static void stopAll(Path runtime, List<ProcessHandle> started) throws Exception {
        String mine = "XDG_RUNTIME_DIR=" + runtime;
        List<ProcessHandle> warm = new ArrayList<>(started);
        ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains("__aim_warm_spare__")).orElse(false))
                .filter(p -> {
                    try {
                        return ("\0" + Files.readString(Path.of("/proc", String.valueOf(p.pid()), "environ"), StandardCharsets.ISO_8859_1)).contains("\0" + mine);
                    } catch (IOException | RuntimeException gone) {
                        return false;
                    }
                }).forEach(warm::add);
        for (ProcessHandle p : warm) p.destroy();
        for (ProcessHandle p : warm) p.onExit().get(60, TimeUnit.SECONDS);
    }
}
