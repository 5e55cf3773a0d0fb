package dev.twinbgp.cli;

/**
 * The training run of the launcher's AOT cache (issue 18; JDK 25+, JEP 483/514), run by {@code bin/aot-train}
 * at build time with {@code -XX:AOTCacheOutput} - not a command users run. The cache holds the classes this
 * process loaded and linked (not its method profiles: bin/aot-train leaves them out, measured), so it should do
 * what a daemon does on every reactor: first {@code twinbgp demo} with two speakers on the reactor named by
 * {@code -Dtwinbgp.aot.reactor} (its classes and its receive and send paths), then the {@code twinbgp run} of the arguments on that reactor
 * (configuration, API process, JSON events, and with {@code -Dtwinbgp.aot.feed} a raw peer's diverse table received
 * twice with a session reset between: {@link AotFeed}), which ends when its API process sends {@code shutdown}. Without the
 * property: three speakers in a full mesh, one per reactor, and the run on the default reactor. One cache per
 * reactor (bin/aot-train): the JVM keeps every class of its cache resident, so a cache of all three reactors
 * cost a selector daemon Netty's classes.
 * The class path is the jar's, as in {@code java -jar}: the JVM refuses a cache made with another one.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) {
        String reactor = System.getProperty("twinbgp.aot.reactor", "");
        String reactors = reactor.isEmpty() ? "selector,netty,virtual" : reactor + "," + reactor;
        int demo = Main.run("demo", "--reactors", reactors, "--routes", "20000");
        if (demo != 0) {
            System.exit(demo);
        }
        if (!reactor.isEmpty()) {
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--reactor", reactor))
                    .toArray(String[]::new);
        }
        String feed = System.getProperty("twinbgp.aot.feed", "");
        if (!feed.isEmpty()) {
            AotFeed.start(feed); // a raw peer pushing a diverse table into the run's passive neighbor (bin/aot-train)
        }
        Main.main(args);
    }
}
