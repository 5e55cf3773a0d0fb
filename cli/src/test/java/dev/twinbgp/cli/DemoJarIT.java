package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.speaker.session.EveryReactor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code twinbgp demo} as a real process: both reactors, full tables both ways, a summary on stdout, nothing on stderr. */
class DemoJarIT {
    @Test
    void twoThousandRoutesEachWayBetweenTheTwoReactors() throws Exception {
        try (JarProcess p = JarProcess.start("demo", "--routes", "2000")) {
            assertEquals(0, p.waitFor(120), p.stderr());
            String out = String.join("\n", p.out);
            assertTrue(out.contains("on the selector reactor"), out);
            assertTrue(out.contains("on the netty reactor"), out);
            assertTrue(out.contains("Established"), out);
            assertEquals(2, count(out, "sent:     2,000 prefixes"), out);
            assertEquals(2, count(out, "received: 2,000 prefixes"), out);
            assertTrue(out.contains("both sides hold the other's full table after"), out);
            assertEquals("", p.stderr(), "quiet: no logs at the default level, no JVM warnings");
        }
    }

    @Test
    void aSpeakerOnEachReactorInAFullMesh() throws Exception {
        List<String> reactors = EveryReactor.names();
        int n = reactors.size();
        try (JarProcess p = JarProcess.start("demo", "--routes", "1000", "--reactors", String.join(",", reactors))) {
            assertEquals(0, p.waitFor(120), p.stderr());
            String out = String.join("\n", p.out);
            assertTrue(out.contains(n + " speakers in a full mesh"), out);
            for (String r : reactors) {
                assertTrue(out.contains("on the " + r + " reactor"), out);
            }
            assertEquals(n * (n - 1), count(out, "sent:     1,000 prefixes"), out);
            assertEquals(n * (n - 1), count(out, "received: 1,000 prefixes"), out);
            assertTrue(out.contains("every side holds each other side's full table after"), out);
            assertEquals("", p.stderr(), "quiet: no logs at the default level, no JVM warnings");
        }
    }

    @Test
    void badUsageIsOneLineAndExitTwo() throws Exception {
        try (JarProcess p = JarProcess.start("demo", "--reactors", "selector,epoll")) {
            assertEquals(2, p.waitFor(60));
            assertEquals("twinbgp demo: unknown reactor 'epoll'; available: netty, selector, virtual", p.stderr());
        }
        try (JarProcess p = JarProcess.start("demo", "--reactors", "selector,netty,virtual,netty")) {
            assertEquals(2, p.waitFor(60));
            assertEquals("twinbgp demo: --reactors takes two or three names, e.g. selector,netty or selector,netty,virtual",
                    p.stderr());
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
