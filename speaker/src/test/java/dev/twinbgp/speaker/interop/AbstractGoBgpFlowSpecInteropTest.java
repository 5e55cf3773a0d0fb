package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.FlowParser;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FlowSpec with GoBGP on loopback (RFC 8955, RFC 8956): GoBGP receives our IPv4 and IPv6 rules with their
 * actions ({@code gobgp global rib -a ipv4-flowspec}), and we receive a rule GoBGP announces and report it in
 * ExaBGP's JSON. GoBGP connects; we are passive.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractGoBgpFlowSpecInteropTest {
    static final long OUR_AS = 65041;
    static final long THEIR_AS = 65042;

    abstract String ours();

    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private GoBgp gobgp;
    private BgpSpeaker speaker;

    @BeforeEach
    void needsGoBgp() {
        Interop.assumeDaemon("gobgpd", "gobgp");
    }

    @AfterEach
    void stop() {
        if (speaker != null) {
            speaker.close();
        }
        if (gobgp != null) {
            gobgp.close();
        }
    }

    /** A rule from the API grammar, with ORIGIN, our AS_PATH and its actions as extended communities. */
    static Route rule(String command) throws ConfigException {
        FlowConfig flow = FlowParser.command(command);
        List<Long> ext = new ArrayList<>();
        flow.attributes().extendedCommunities().forEach(c -> ext.add(java.nio.ByteBuffer.wrap(c.octets()).getLong()));
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(OUR_AS),
                new Attribute.ExtendedCommunities(ext));
        return new Route(flow.rule().route(), new Path(attrs));
    }

    @Test
    void rulesBothWays() throws Exception {
        int ourPort = Ports.freeOn(ours());
        int theirPort = Ports.freeOn(theirs());
        int apiPort = Ports.freeOn(theirs());
        while (apiPort == theirPort) {
            apiPort = Ports.freeOn(theirs());
        }
        List<Route> rules = List.of(
                rule("flow route destination 10.0.0.1/32 protocol tcp destination-port =80 then discard"),
                rule("flow route source 192.0.2.0/24 packet-length [ >200&<300 ] then rate-limit 9600"),
                rule("flow route destination 2001:db8::1/128 next-header udp then mark 10"));
        Queue<String> json = new ConcurrentLinkedQueue<>();
        PeerSettings settings = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(ours()), ourPort,
                Interop.session(OUR_AS, THEIR_AS, ours()).active(false).passive(true)
                        .families(List.of(Family.IPV4_FLOW, Family.IPV6_FLOW)).build(), true, false, rules);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings),
                new JsonEventListener(ExaJson.system(), json::add));
        PeerDriver peer = speaker.peer(theirs());

        gobgp = new GoBgp(dir.resolve("gobgp"), theirs(), theirPort, apiPort, THEIR_AS, ours(), ourPort, OUR_AS, 9, false)
                .families("ipv4-flowspec", "ipv6-flowspec");
        gobgp.start();
        gobgp.await("Established", Interop.LONG, () -> gobgp.sessionState() == GoBgp.ESTABLISHED);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, gobgp::log);

        // Ours -> GoBGP, with the actions.
        gobgp.await("our IPv4 rules in its RIB", Interop.LONG, () -> {
            String rib = gobgp.gobgp("global", "rib", "-a", "ipv4-flowspec");
            return rib.contains("10.0.0.1/32") && rib.contains("192.0.2.0/24");
        });
        String v4 = gobgp.gobgp("global", "rib", "-a", "ipv4-flowspec");
        assertTrue(v4.contains("discard"), v4);
        assertTrue(v4.contains("9600"), v4);
        gobgp.await("our IPv6 rule in its RIB", Interop.LONG,
                () -> gobgp.gobgp("global", "rib", "-a", "ipv6-flowspec").contains("2001:db8::1/128"));
        String v6 = gobgp.gobgp("global", "rib", "-a", "ipv6-flowspec");
        assertTrue(v6.toLowerCase().contains("mark") || v6.contains("10"), v6);

        // GoBGP -> ours, reported in ExaBGP's JSON.
        gobgp.gobgp("global", "rib", "-a", "ipv4-flowspec", "add", "match", "destination", "10.9.9.9/32",
                "protocol", "udp", "then", "discard");
        Interop.until("GoBGP's rule in our JSON", () -> json.stream().map(l -> l.replace(" ", "")).anyMatch(l ->
                l.contains("\"announce\":{\"ipv4flow\":{\"no-nexthop\":[{\"destination-ipv4\":[\"10.9.9.9/32\"],\"protocol\":[\"=udp\"]")
                && l.contains("\"string\":\"rate-limit:0\"")), () -> String.join("\n", json) + "\n" + gobgp.log());
        assertTrue(Interop.query(peer, () -> peer.adjRibIn().routes().stream()
                .anyMatch(r -> r.family().equals(Family.IPV4_FLOW))));
    }
}
