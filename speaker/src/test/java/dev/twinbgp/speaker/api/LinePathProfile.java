package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.NeighborConfig;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The API reader thread's work alone, in process (issue 18, profiling aid, not a test): reads a file of command
 * lines as an API process's output is read ({@link LineReader}, {@link AnnounceShortcut}, {@link RouteLines}), and adds each route change to
 * a {@link RouteBatch} for one neighbor without a session ({@link CommandExecutor#addTo}), dropping the batch every
 * {@link ApiProcess#MAX_BATCH} commands. Prints the thread's CPU time and the bytes it allocated.
 *
 * <pre>
 * java -cp speaker/target/classes:speaker/target/test-classes:jmh/target/benchmarks.jar \
 *   dev.twinbgp.speaker.api.LinePathProfile FILE [ipv4 unicast|ipv4 flow] [rounds]
 * </pre>
 */
public final class LinePathProfile {
    private LinePathProfile() {
    }

    public static void main(String[] args) throws Exception {
        String family = args.length > 1 ? args[1] : "ipv4 unicast";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        NeighborConfig n = ConfigParser.parse("p.conf", """
                neighbor 127.0.0.53 {
                  router-id 127.0.0.52; local-address 127.0.0.52; local-as 65001; peer-as 64500;
                  family { %s; }
                }
                """.formatted(family)).neighbors().get(0);
        List<Neighbor> scope = List.of(new Neighbor(n, null, null));
        CommandExecutor executor = new CommandExecutor(scope, MappingRouteConverter.INSTANCE, () -> { }, "p",
                java.time.Clock.systemUTC());
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        for (int round = 1; round <= rounds; round++) {
            long cpu = threads.getThreadCpuTime(id);
            long bytes = threads.getThreadAllocatedBytes(id);
            long wall = System.nanoTime();
            int lines = 0;
            RouteBatch batch = new RouteBatch();
            try (FileInputStream input = new FileInputStream(args[0])) {
                LineReader in = new LineReader(input);
                RouteLines routeLines = new RouteLines();
                AnnounceShortcut shortcut = new AnnounceShortcut();
                while (true) {
                    if (in.lineBuffered() && shortcut.add(in.octets(), in.lineStart(), in.lineEnd(), batch, scope)) {
                        in.skipLine(); // as ApiProcess.read
                    } else {
                        String line = in.readLine();
                        if (line == null) {
                            break;
                        }
                        Request r = routeLines.parse(line);
                        int before = batch.announced();
                        executor.addTo(batch, r, scope);
                        shortcut.learn(line, r, scope, batch, before, executor);
                    }
                    lines++;
                    if (batch.commands() >= ApiProcess.MAX_BATCH) {
                        batch = new RouteBatch();
                    }
                }
            }
            System.out.printf("round %d: %d lines, %.2f s wall, %.2f s CPU, %.0f MB allocated%n", round, lines,
                    (System.nanoTime() - wall) / 1e9, (threads.getThreadCpuTime(id) - cpu) / 1e9,
                    (threads.getThreadAllocatedBytes(id) - bytes) / 1e6);
        }
    }
}
