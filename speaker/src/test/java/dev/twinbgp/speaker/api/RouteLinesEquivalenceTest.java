package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.speaker.config.AttributeText;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path of API route lines ({@link AttributeText}, {@link RouteLines}) against the grammar, over many
 * generated lines: every keyword the fast path reads, with values it must read and values it must leave to the
 * grammar (so that errors keep their wording and column), mixed with keywords and characters it does not read.
 * A line's outcome - the request, or the error message - must be the same whichever path reads it, on first sight
 * and from the cache of tails.
 */
class RouteLinesEquivalenceTest {
    private static final String[][] PIECES = {
        {"next-hop 192.0.2.1", "next-hop 10.0.0.255", "next-hop 0.0.0.0", "next-hop 2001:db8::1", "next-hop ::ffff:1.2.3.4",
            "next-hop self", "next-hop SELF", "next-hop 10.0.0.256", "next-hop 010.0.0.1", "next-hop 1.2.3",
            "next-hop [", "next-hop", "next-hop fe80::1", "next-hop 2001:db8::g"},
        {"med 0", "med 5", "med 007", "med 4294967295", "med 4294967296", "med 99999999999", "med 000000000005",
            "med -1", "med x", "med [ 5 ]", "med", "med ]", "med 5x"},
        {"local-preference 100", "local-preference 0", "local-preference 4294967295", "local-preference 4294967296",
            "local-preference", "local-preference [", "local-preference 01"},
        {"origin igp", "origin egp", "origin incomplete", "origin IGP", "origin Egp", "origin foo", "origin [",
            "origin"},
        {"atomic-aggregate", "atomic-aggregate 5"},
        {"as-path 65001", "as-path [ 65001 65002 ]", "as-path [65001 65002]", "as-path [ ]", "as-path []",
            "as-path [ 1 ] [ 2 ]", "as-path ( 1 2 )", "as-path [ 1 ( 2 ) ]", "as-path [ { 1 } ]", "as-path 4294967296",
            "as-path [ 1, 2 ]", "as-path ]", "as-path [ 1", "as-path", "as-path [ 4294967295 0 ]", "as-path [ 1 [ 2 ] ]",
            "as-path [ x ]"},
        {"community 65001:5", "community [65001:5]", "community [ 65001:5 65001:6 ]", "community [ 65001:5 65001:5 ]",
            "community [ ]", "community []", "community no-export", "community [ no-export ]", "community 65536:1",
            "community 1:65535", "community 0:0", "community 4294967295", "community 0x10", "community 1:2:3",
            "community [ 1:1 [ ]", "community :1", "community 1:", "community ]", "community", "community [ 1:1",
            "community 00001:00002", "community [ 65535:65535 ]"},
        {"large-community 1:2:3", "large-community [ 1:2:3 1:2:3 4:5:6 ]", "large-community [1:2:3]",
            "large-community 1:2", "large-community 4294967296:1:1", "large-community [ ]",
            "large-community 4294967295:4294967295:4294967295", "large-community [ 1:2:3:4 ]", "large-community"},
        {"path-information 7", "name foo", "split /26", "extended-community target:1:1", "watchdog w", "withdraw",
            "aggregator ( 1:1.2.3.4 )", "MED 5", "med\t5", "med 5;", ";", "med 5 # comment", "med '5'", "bogus",
            "attribute [ 0x20 0xc0 0x00 ]", "label 5", "rd 1:1", "cluster-list [ 1.1.1.1 ]", "originator-id 1.2.3.4",
            "med \"5\"", "community [ 1:1 ] \\", "aigp 5"},
    };
    private static final List<String> PREFIXES = List.of("10.0.0.0/24", "10.0.1.0/24", "0.0.0.0/0", "10.0.2.1/24",
            "2001:db8::/32", "010.0.3.0/24", "10.0.4.0");

    @Test
    void generatedLinesReadAsTheGrammarReadsThem() {
        Random random = new Random(18);
        RouteLines shared = new RouteLines();
        int fast = 0;
        int lines = 0;
        for (int i = 0; i < 20_000; i++) {
            String tail = tail(random);
            for (String form : List.of("announce route ", "withdraw route ")) {
                for (int p = 0; p < 3; p++) {
                    String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
                    String line = form + prefix + (tail.isEmpty() ? "" : " " + tail);
                    Object expected = outcome(() -> CommandParser.parse(line));
                    assertEquals(expected, outcome(() -> new RouteLines().parse(line)), line);
                    assertEquals(expected, outcome(() -> shared.parse(line)), line);
                    lines++;
                }
            }
            RouteAttributes read = AttributeText.parse(tail, 0, tail.length());
            if (read != null) {
                fast++;
                assertEquals(grammar(tail), read, tail);
            }
        }
        assertTrue(fast > 2_000, "the fast path read only " + fast + " of 20,000 tails");
        assertTrue(lines == 120_000);
    }

    /** Every piece alone, and each value piece with a known next hop. */
    @Test
    void everyPieceAloneAndAfterANextHop() {
        for (String[] keyword : PIECES) {
            for (String piece : keyword) {
                for (String tail : List.of(piece, "next-hop 192.0.2.1 " + piece, piece + " next-hop 192.0.2.1")) {
                    String line = "announce route 10.0.0.0/24 " + tail;
                    assertEquals(outcome(() -> CommandParser.parse(line)), outcome(() -> new RouteLines().parse(line)), line);
                    RouteAttributes read = AttributeText.parse(tail, 0, tail.length());
                    if (read != null) {
                        assertEquals(grammar(tail), read, tail);
                    }
                }
            }
        }
    }

    /** The fast path reads the lines the send benchmark and the health checks write. */
    @Test
    void theCommonLinesTakeTheFastPath() {
        for (String tail : List.of("next-hop 192.0.2.1 med 5 community [65001:5]", "next-hop self",
                "next-hop 2001:db8::1 local-preference 200 as-path [ 65001 65002 ] origin igp",
                "next-hop 192.0.2.1 large-community [ 1:2:3 ] atomic-aggregate community [ 65001:1 65001:2 ]")) {
            assertEquals(grammar(tail), AttributeText.parse(tail, 0, tail.length()), tail);
        }
    }

    private static final List<String> FLOW_TAILS = List.of("protocol =udp source-port =53 then discard",
            "then rate-limit 9600", "source 10.0.0.0/8 then discard", "destination 1.2.3.4/32 then discard",
            "protocol [ =tcp =udp ] destination-port >1024&<2048 then redirect 65000:1", " then discard", "",
            "next-hop 1.2.3.4 then redirect-to-nexthop", "then community [ 65000:1 ] discard", "flow-label 5 then discard",
            "then redirect 192.0.2.9", "rd 1:1 then discard", "protocol =udp then", "then mark 10 discard",
            "source 2001:db8::/32 then discard", "packet-length >100 fragment [ first-fragment ] then discard", ";",
            "then discard;", "med 5 then discard", "bogus then discard");
    private static final List<String> FLOW_PREFIXES = List.of("16.0.0.1/32", "16.0.0.2/32", "16.0.1.0/24", "16.0.0.1/24",
            "2001:db8::1/128", "2001:db8:1::/48", "2001:db8::/32", "2001:db8::/24", "2001:db8::/32/8", "016.0.0.1/32", "16.0.0.3", "16.0.0.4/32;");

    /** FlowSpec rules from the template of their tail are the rules the grammar reads. */
    @Test
    void flowLinesReadAsTheGrammarReadsThem() {
        Random random = new Random(8955);
        RouteLines shared = new RouteLines();
        for (int i = 0; i < 4_000; i++) {
            String tail = FLOW_TAILS.get(random.nextInt(FLOW_TAILS.size()));
            String form = random.nextBoolean() ? "announce flow route destination " : "withdraw flow route destination ";
            String prefix = FLOW_PREFIXES.get(random.nextInt(FLOW_PREFIXES.size()));
            String line = form + prefix + (tail.isEmpty() ? "" : " " + tail);
            Object expected = outcome(() -> CommandParser.parse(line));
            assertEquals(expected, outcome(() -> shared.parse(line)), line);
            assertEquals(expected, outcome(() -> new RouteLines().parse(line)), line);
        }
    }

    private static String tail(Random random) {
        int n = random.nextInt(6);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int keyword = random.nextInt(PIECES.length * 4);
            String[] pieces = PIECES[keyword < PIECES.length * 3 ? keyword % (PIECES.length - 1) : PIECES.length - 1];
            parts.add(pieces[random.nextInt(pieces.length)]);
        }
        String joined = String.join(random.nextInt(8) == 0 ? "  " : " ", parts);
        return random.nextInt(10) == 0 ? joined.replace(" [ ", "[").replace(" ]", "]") : joined;
    }

    private static Object grammar(String tail) {
        try {
            return RouteParser.parseAttributes(tail);
        } catch (ConfigException e) {
            return "error: " + e.getMessage();
        }
    }

    private interface Parse {
        Request run() throws CommandException;
    }

    private static Object outcome(Parse p) {
        try {
            return p.run();
        } catch (CommandException e) {
            return "error: " + e.getMessage();
        } catch (RuntimeException e) {
            return "thrown: " + e;
        }
    }
}
