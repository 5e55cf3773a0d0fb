package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

/**
 * Whether the tests against real daemons may run: they need {@code -Dtwinbgp.interop=true}
 * (set by {@code .ci/run} through {@code TWINBGP_INTEROP=true}) and the daemon's binaries.
 * Otherwise they report themselves skipped, saying why.
 */
final class Interop {
    private Interop() {
    }

    static void assumeDaemon(String... binaries) {
        assumeTrue(Boolean.getBoolean("twinbgp.interop"),
                "interop tests need real daemons: run with TWINBGP_INTEROP=true (as .ci/run does) after 'apt-get install bird2 gobgpd'");
        for (String b : binaries) {
            assumeTrue(onPath(b), "'" + b + "' is not installed (apt-get install bird2 gobgpd)");
        }
    }

    static boolean onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, binary).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
