package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twinbgp.speaker.config.RouteConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RouteLines} gives exactly what {@link CommandParser#parse} gives, on first sight and from its cache. */
class RouteLinesTest {

    /** Each tail is tried with several prefixes, so the later ones come from the cache when the tail was kept. */
    @ParameterizedTest
    @ValueSource(strings = {
        "announce route %s next-hop 192.0.2.1",
        "announce route %s next-hop 192.0.2.1 med 5 community [65001:5]",
        "announce route %s next-hop 192.0.2.1 origin egp as-path [ 65001 65002 ] local-preference 200;",
        "announce route %s next-hop 2001:db8::1",
        "announce route %s next-hop self",
        "announce route %s next-hop 192.0.2.1 path-information 7",
        "announce route %s next-hop 192.0.2.1 split /26",
        "announce route %s next-hop 192.0.2.1 watchdog w withdraw",
        "announce route %s med 5",
        "announce route %s next-hop 192.0.2.1 med x",
        "announce route %s   next-hop 192.0.2.1",
        "  announce route %s next-hop 192.0.2.1  ",
        "announce route %s",
        "withdraw route %s",
        "withdraw route %s next-hop 192.0.2.1",
        "withdraw route %s;",
        "neighbor 127.0.0.1 announce route %s next-hop 192.0.2.1",
    })
    void sameAsTheFullParse(String form) {
        RouteLines lines = new RouteLines();
        for (String prefix : List.of("10.0.0.0/24", "10.0.1.0/24", "0.0.0.0/0", "255.255.255.255/32", "10.0.2.0/24",
                "10.0.2.1/24", "010.0.3.0/24", "10.0.4.0/024", "10.0.5.0", "10.0.6.0/33", "10.0.7.0/", "/24",
                "10.0.8/24", "10.0.9.0.0/24", "2001:db8::/32", "2001:db8:1::/48", "2001:db8::1/32", "x/24",
                "10.0.10.0/24", "10.0.11.0/24")) {
            String line = form.formatted(prefix);
            assertEquals(outcome(() -> CommandParser.parse(line)), outcome(() -> lines.parse(line)), line);
        }
    }

    @Test
    void aKnownTailSharesItsAttributes() throws Exception {
        RouteLines lines = new RouteLines();
        RouteConfig first = route(lines.parse("announce route 10.0.0.0/24 next-hop 192.0.2.1 med 5"));
        RouteConfig second = route(lines.parse("announce route 10.0.1.0/24 next-hop 192.0.2.1 med 5"));
        assertEquals("10.0.1.0/24", second.prefix().toString());
        assertSame(first.attributes(), second.attributes());
    }

    /** A tail that comes back after others is read in full once more, then kept: found from then on. */
    @Test
    void aTailThatComesBackIsKept() throws Exception {
        RouteLines lines = new RouteLines();
        String a = "announce route 10.0.%d.0/24 next-hop 192.0.2.1 med 5";
        String b = "announce route 10.1.%d.0/24 next-hop 192.0.2.1 med 6";
        route(lines.parse(a.formatted(0)));
        route(lines.parse(b.formatted(0)));
        RouteConfig again = route(lines.parse(a.formatted(1))); // read in full a second time: kept now
        route(lines.parse(b.formatted(1)));
        RouteConfig kept = route(lines.parse(a.formatted(2)));
        assertSame(again.attributes(), kept.attributes());
        assertEquals("10.0.2.0/24", kept.prefix().toString());
    }

    /**
     * A tail read once is not held once the lines have moved on to another: a table whose attribute set changes
     * every few routes leaves nothing behind for the collector to copy (issue 18).
     */
    @Test
    void aTailReadOnceIsNotHeld() throws Exception {
        RouteLines lines = new RouteLines();
        java.lang.ref.WeakReference<Object> once = new java.lang.ref.WeakReference<>(
                route(lines.parse("announce route 10.0.0.0/24 next-hop 192.0.2.1 med 7")).attributes());
        for (int i = 0; i < 3; i++) {
            route(lines.parse("announce route 10.1." + i + ".0/24 next-hop 192.0.2.1 med 8"));
        }
        for (int i = 0; i < 20 && once.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(once.get(), "the attributes of a tail read once are still held");
    }

    @Test
    void otherCommandsAndBlankLinesAreTheParsersOwn() throws Exception {
        RouteLines lines = new RouteLines();
        assertNull(lines.parse("   "));
        assertEquals(CommandParser.parse("announce eor"), lines.parse("announce eor"));
        assertEquals(CommandParser.parse("show neighbor summary"), lines.parse("show neighbor summary"));
    }

    private static RouteConfig route(Request r) {
        return ((Command.Announce) r.command()).routes().get(0);
    }

    private interface Parse {
        Request run() throws CommandException;
    }

    /** The request, or the error message. */
    private static Object outcome(Parse p) {
        try {
            return p.run();
        } catch (CommandException e) {
            return "error: " + e.getMessage();
        }
    }
}
