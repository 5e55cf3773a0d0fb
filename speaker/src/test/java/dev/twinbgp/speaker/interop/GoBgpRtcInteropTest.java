package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.api.Command;
import dev.twinbgp.speaker.api.CommandParser;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route Target Constraint (RFC 4684, SAFI 132; issue 13) with GoBGP 3.10 on loopback: our membership, written in
 * ExaBGP's {@code rtc origin-as AS route-target RT} grammar, reaches GoBGP's RTC table ({@code gobgp global rib -a
 * rtc}: {@code AS:AS:N}) and our withdrawal (the API's {@code withdraw ipv4 rtc ...}) removes it; the membership
 * GoBGP derives from a VRF's import route target ({@code gobgp vrf add ... rt both RT}, its CLI cannot add an RTC
 * route itself: "unsupported route family: rtc") reaches us and is reported in ExaBGP's JSON.
 *
 * <p>Not sent here: the default membership ({@code rtc default}, the 0-bit NLRI of RFC 4684 section 4). gobgpd 3.10
 * crashes on receiving it (a nil pointer dereference in {@code BgpServer.propagateUpdate}, found by trying), so the
 * session and the daemon would be gone. GoBGP connects; we are passive.
 */
class GoBgpRtcInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65097;
    static final long THEIR_AS = 65098;

    GoBgpRtcInteropTest() {
        super("127.0.97.1", "127.0.97.2");
    }

    @Test
    void membershipsBothWays() throws Exception {
        GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);
        GoBgp gobgp = p.daemon().families("rtc", "l3vpn-ipv4-unicast");
        p.start("""
                family { ipv4 rtc; ipv4 mpls-vpn; }
                announce { ipv4 { rtc origin-as 65097 route-target 65097:100 next-hop 192.0.2.97; } }
                """);
        PeerDriver peer = p.peer();

        // Ours -> GoBGP: origin AS and route target, as GoBGP shows a membership (AS:RT).
        gobgp.await("our membership in its RTC table", Interop.LONG,
                () -> gobgp.gobgp("global", "rib", "-a", "rtc").contains("65097:65097:100"));
        assertTrue(gobgp.gobgp("global", "rib", "-a", "rtc").contains("192.0.2.97"), gobgp.gobgp("global", "rib", "-a", "rtc"));

        // Our withdrawal, as the API's command writes it.
        Command.Withdraw withdraw = (Command.Withdraw) CommandParser.parse(
                "withdraw ipv4 rtc origin-as 65097 route-target 65097:100").command();
        peer.withdraw(List.of(withdraw.flows().getFirst().rule().route()));
        gobgp.await("our withdrawal applied", Interop.LONG,
                () -> !gobgp.gobgp("global", "rib", "-a", "rtc").contains("65097:65097:100"));

        // GoBGP -> ours: the membership of a VRF's import route target, in our JSON and Adj-RIB-In.
        gobgp.gobgp("vrf", "add", "red", "rd", "65098:1", "rt", "both", "65098:200");
        p.ours().awaitJson("GoBGP's membership in our JSON", all -> all.contains(
                "\"ipv4rtc\":{\"" + theirs() + "\":[{\"origin\":65098,\"route-target\":\"target:65098:200\"}]}"), gobgp);
        Interop.until("held", () -> p.ours().received(Family.IPV4_RTC) == 1, gobgp::log);
    }
}
