package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.Frame;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageType;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.session.Await;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A neighbor's {@code api { receive { packets; consolidate; ... } send { ... } }} with real processes and a real
 * session on loopback, on every reactor: the peer sends one route and End-of-RIB, twinbgp sends its End-of-RIB.
 * <ul>
 *   <li>{@code raw} (json): {@code packets} alone - the octets only, ExaBGP's {@code packets} line, no parsed line;</li>
 *   <li>{@code two} (json): {@code parsed; packets;} received - two lines per message, the octets first; sent with
 *       {@code consolidate; packets;} - one line, the parsed message with {@code "header"} and {@code "body"};</li>
 *   <li>{@code text} (text): {@code consolidate; packets;} received, {@code packets} sent.</li>
 * </ul>
 * The octets are those on the wire: End-of-RIB's exactly, the route's decoded back to the route.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ApiPacketsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER_EOR = "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001702";

    @TempDir
    java.nio.file.Path dir;

    private ApiHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void processesGetTheOctetsAsTheyAskedForThem(String reactor) throws Exception {
        String config = """
                process raw { run /bin/sh %1$s; encoder json; }
                process two { run /bin/sh %2$s; encoder json; }
                process text { run /bin/sh %3$s; encoder text; }
                neighbor 127.0.0.3 {
                    router-id 127.0.0.2;
                    local-address 127.0.0.2;
                    local-as 65001;
                    peer-as 65002;
                    hold-time 30;
                    connect PORT;
                    family { ipv4 unicast; }
                    api { processes [ raw ]; receive { packets; update; keepalive; } send { packets; update; } }
                    api { processes [ two ]; receive { parsed; packets; update; } send { consolidate; packets; update; } }
                    api { processes [ text ]; receive { consolidate; packets; update; } send { packets; update; } }
                }
                """.formatted(sink("raw"), sink("two"), sink("text"));
        Path path = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65002L),
                Attribute.NextHop.of(ApiHarness.PEER)));
        harness = ApiHarness.start(reactor, "selector", dir, config, Api.Options.defaults().withoutControlSocket(),
                List.of(new Route(Prefix.parse("192.0.2.0/24"), path)), true);

        // raw: octets only; the received route, both End-of-RIBs, a KEEPALIVE
        Await.until("raw has both End-of-RIBs", () -> count(json("raw"), "update", HEADER_EOR) == 2);
        List<JsonNode> raw = json("raw");
        for (JsonNode line : raw) {
            assertTrue(line.path("neighbor").path("message").has("category"), () -> "octets only: " + line);
        }
        JsonNode eorIn = find(raw, "in", HEADER_EOR);
        assertEquals("update", eorIn.get("type").asText());
        assertEquals(2, eorIn.path("neighbor").path("message").path("category").asInt());
        assertEquals("0x00000000", eorIn.path("neighbor").path("message").path("body").asText());
        assertEquals("0x00000000", find(raw, "out", HEADER_EOR).path("neighbor").path("message").path("body").asText());
        JsonNode route = raw.stream().filter(l -> l.path("neighbor").path("direction").asText().equals("in")
                && !l.path("neighbor").path("message").path("header").asText().equals(HEADER_EOR)
                && l.path("type").asText().equals("update")).findFirst().orElseThrow(() -> new AssertionError(raw.toString()));
        Update update = decode(route.path("neighbor").path("message").path("body").asText());
        assertEquals(List.of(Prefix.parse("192.0.2.0/24")), new ArrayList<>(update.announced().get(0).prefixes()));
        Await.until("raw gets a KEEPALIVE's octets", () -> json("raw").stream().anyMatch(l -> l.path("type").asText()
                .equals("keepalive") && l.path("neighbor").path("message").path("body").asText().equals("0x")));

        // two: received - the octets, then the parsed line; sent - one consolidated line
        Await.until("two has both End-of-RIBs and the parsed one", () -> {
            List<JsonNode> lines = json("two");
            return lines.stream().filter(l -> l.toString().contains(HEADER_EOR)).count() == 2
                    && lines.indexOf(find(lines, "in", HEADER_EOR)) + 1 < lines.size();
        });
        List<JsonNode> two = json("two");
        int at = two.indexOf(find(two, "in", HEADER_EOR));
        JsonNode next = two.get(at + 1);
        assertEquals("in", next.path("neighbor").path("direction").asText());
        assertTrue(next.path("neighbor").path("message").path("update").toString().contains("\"eor\""),
                () -> "the parsed End-of-RIB follows: " + next);
        assertFalse(next.has("header"), "parsed without consolidate: no octets");
        JsonNode sent = two.stream().filter(l -> l.path("neighbor").path("direction").asText().equals("out"))
                .findFirst().orElseThrow();
        assertEquals(HEADER_EOR, sent.get("header").asText(), sent::toString);
        assertEquals("0x00000000", sent.get("body").asText());
        assertFalse(sent.path("neighbor").path("message").has("category"), "consolidated: the parsed message");
        List<String> names = new ArrayList<>();
        sent.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("type", "header", "body", "neighbor"), names.subList(names.indexOf("type"), names.size()),
                "ExaBGP's order");

        // text: the received End-of-RIB consolidated, the octets on their own line before "end"; sent: packets
        Await.until("text has its lines", () -> ProcessEndToEndTest.lines(dir.resolve("text.out"))
                .contains("neighbor 127.0.0.3 send 2 header " + HEADER_EOR + " body 0x00000000")
                && endOfRibBlockDone(ProcessEndToEndTest.lines(dir.resolve("text.out"))));
        List<String> text = ProcessEndToEndTest.lines(dir.resolve("text.out"));
        int eor = text.indexOf("neighbor 127.0.0.3 receive update route eor 1/1 (ipv4 unicast)");
        assertTrue(eor > 0, text::toString);
        assertEquals(List.of("neighbor 127.0.0.3 receive update start",
                        "neighbor 127.0.0.3 receive update route eor 1/1 (ipv4 unicast)",
                        " header " + HEADER_EOR + " body 0x00000000",
                        "neighbor 127.0.0.3 receive update end"), text.subList(eor - 1, eor + 3));
        assertTrue(harness.peerEvents.downs.isEmpty() && harness.twinEvents.downs.isEmpty(),
                () -> "no session went down: " + harness.peerEvents.downs + harness.twinEvents.downs);
    }

    /**
     * A received message that does not decode: a process with {@code packets} gets its octets (ExaBGP writes them
     * before decoding), then the NOTIFICATION twinbgp sends for it (RFC 4271 section 6.3: the withdrawn routes
     * length runs past the message, 3/1).
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void anUndecodableMessagesOctetsComeBeforeItsNotification(String reactor) throws Exception {
        try (ConformancePeer peer = new ConformancePeer(-1)) {
            dev.twinbgp.speaker.config.Configuration config = dev.twinbgp.speaker.config.ConfigParser.parse("t.conf",
                    "process raw { run /bin/sh " + sink("raw") + "; encoder json; }\n"
                    + "neighbor 127.0.0.1 { router-id 1.2.3.4; local-address 127.0.0.1; local-as 1; peer-as 1;"
                    + " connect " + peer.port() + "; family { ipv4 unicast; }"
                    + " api { processes [ raw ]; receive { packets; update; } send { packets; notification; } } }\n");
            Api api = Api.create(config, Api.Options.defaults().withoutControlSocket());
            dev.twinbgp.speaker.session.BgpSpeaker speaker = dev.twinbgp.speaker.session.BgpSpeaker.start(reactor,
                    dev.twinbgp.reactor.ReactorConfig.defaults(),
                    dev.twinbgp.speaker.mapping.PeerSettingsMapper.map(config), api.listener());
            try {
                api.start(speaker);
                String eor = peer.received.poll(30, TimeUnit.SECONDS);
                assertEquals("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001702" + "00000000", eor, "twinbgp's End-of-RIB: established");
                peer.send(HexFormat.of().parseHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001702" + "FFFF0000"));
                Await.until("raw has the octets and the NOTIFICATION", () -> json("raw").size() >= 2);
                List<JsonNode> raw = json("raw");
                JsonNode bad = raw.get(0).path("neighbor");
                assertEquals("in", bad.path("direction").asText(), raw::toString);
                assertEquals(HEADER_EOR, bad.path("message").path("header").asText());
                assertEquals("0xFFFF0000", bad.path("message").path("body").asText());
                JsonNode notification = raw.get(1);
                assertEquals("notification", notification.path("type").asText(), raw::toString);
                assertEquals("out", notification.path("neighbor").path("direction").asText());
                assertEquals(3, notification.path("neighbor").path("message").path("category").asInt());
                assertTrue(notification.path("neighbor").path("message").path("body").asText().startsWith("0x0301"),
                        () -> "UPDATE Message Error / Malformed Attribute List: " + notification);
            } finally {
                api.close();
                speaker.shutdown(java.time.Duration.ofSeconds(2));
            }
        }
    }

    private static boolean endOfRibBlockDone(List<String> text) {
        int eor = text.indexOf("neighbor 127.0.0.3 receive update route eor 1/1 (ipv4 unicast)");
        return eor > 0 && text.size() > eor + 2;
    }

    private java.nio.file.Path sink(String name) throws Exception {
        return ApiHarness.script(dir, name + ".sh", "exec cat > " + dir.resolve(name + ".out") + "\n");
    }

    private List<JsonNode> json(String process) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : ProcessEndToEndTest.lines(dir.resolve(process + ".out"))) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (java.io.IOException e) {
                break; // a line still being written
            }
        }
        return nodes;
    }

    private static long count(List<JsonNode> lines, String type, String header) {
        return lines.stream().filter(l -> l.path("type").asText().equals(type)
                && l.path("neighbor").path("message").path("header").asText().equals(header)).count();
    }

    private static JsonNode find(List<JsonNode> lines, String direction, String header) {
        return lines.stream().filter(l -> l.path("neighbor").path("direction").asText().equals(direction)
                        && (l.path("neighbor").path("message").path("header").asText().equals(header)
                        || l.path("header").asText().equals(header)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + direction + " " + header + " in " + lines));
    }

    private static Update decode(String body) {
        byte[] octets = HexFormat.of().parseHex(body.substring(2));
        Decoded d = MessageDecoder.decode(Frame.of(MessageType.UPDATE, octets), Negotiated.DEFAULT);
        if (d instanceof Decoded.Ok ok && ok.message() instanceof Update u) {
            return u;
        }
        throw new AssertionError("not an UPDATE: " + d);
    }
}
