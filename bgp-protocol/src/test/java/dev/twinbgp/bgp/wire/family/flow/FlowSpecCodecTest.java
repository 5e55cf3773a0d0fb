package dev.twinbgp.bgp.wire.family.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.ErrorAction;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** FlowSpec NLRI decoding rules (RFC 8955 section 4, RFC 8956 section 3) and ExaBGP's text. */
class FlowSpecCodecTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void exabgpText() {
        // destination 192.168.0.1/32 source 10.0.0.2/32 protocol [=udp =tcp] port [=80 =8080]
        // destination-port [>8080&<8088 =3128] source-port >1024 (conf-flow.ci)
        byte[] nlri = hex("25 0120C0A80001 02200A000002 0301118106 040150911F90 05121F90541F98910C38 06920400");
        FlowRule rule = FlowRule.decode(Family.IPV4_FLOW, nlri);
        assertEquals("flow destination-ipv4 192.168.0.1/32 source-ipv4 10.0.0.2/32 protocol [ =udp =tcp ]"
                + " port [ =80 =8080 ] destination-port [ >8080&<8088 =3128 ] source-port >1024", rule.toString());
        assertEquals(HEX.formatHex(nlri), HEX.formatHex(rule.encode()));
    }

    @Test
    void ipv6PrefixOffsetPatternIsLengthMinusOffsetBits() {
        FlowPrefix p = new FlowPrefix(FlowComponent.SOURCE, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, 120);
        FlowRule rule = new FlowRule(Family.IPV6_FLOW, null, List.of(p));
        assertEquals("04 02 80 78 01".replace(" ", ""), HEX.formatHex(rule.encode())); // RFC 8956 section 3.1
        assertEquals("flow source-ipv6 ::1/128/120", rule.toString());
    }

    @Test
    void componentsOutOfOrderAreMalformed() {
        byte[] nlri = hex("0C 02200A000002 0120C0A80001"); // source before destination
        Nlri block = Nlri.wrap(Family.IPV4_FLOW, false, nlri, 0, nlri.length);
        assertNotNull(block);
        assertTrue(block.malformed().contains("increasing type order"), block.malformed());
        byte[] repeated = hex("06 038106 038111"); // protocol twice: not strictly increasing
        Nlri twice = Nlri.wrap(Family.IPV4_FLOW, false, repeated, 0, repeated.length);
        assertNotNull(twice.malformed());
    }

    @Test
    void lengthOfTwoOctetsFrom240() {
        List<FlowOp> ops = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ops.add(new FlowOp(0x01, 1, i));
        }
        FlowRule rule = new FlowRule(Family.IPV4_FLOW, null, List.of(new FlowMatch(FlowComponent.PORT, ops)));
        byte[] wire = rule.encode();
        assertEquals(0xF0, wire[0] & 0xF0);
        assertEquals(wire.length - 2, (wire[0] & 0x0F) << 8 | wire[1] & 0xFF);
        assertEquals(rule, FlowRule.decode(Family.IPV4_FLOW, wire));
    }

    @Test
    void aMalformedRuleMakesTheUpdateTreatAsWithdraw() {
        // ORIGIN, AS_PATH, LOCAL_PREF, MP_REACH ipv4 flow: source before destination (RFC 8955 section 4.2)
        String body = "0000 0023 40010100 400200 40050400000064 800E12 0001 85 00 00 0C 02200A000002 0120C0A80001";
        byte[] b = hex(body);
        byte[] msg = new byte[19 + b.length];
        java.util.Arrays.fill(msg, 0, 16, (byte) 0xFF);
        msg[16] = 0;
        msg[17] = (byte) msg.length;
        msg[18] = 2;
        System.arraycopy(b, 0, msg, 19, b.length);
        Decoded d = MessageDecoder.decode(msg, new Negotiated(true, Set.of(), Set.of(), false));
        assertTrue(d.isOk(), d::toString);
        Update u = (Update) d.message();
        assertTrue(u.treatAsWithdraw());
        assertEquals(ErrorAction.TREAT_AS_WITHDRAW, u.attributeErrors().get(0).action());
        assertEquals(1, u.mpReach().orElseThrow().nlri().size());
    }

    @Test
    void overrunningLengthCannotBeDelimited() {
        byte[] nlri = hex("09 0120C0A80001");
        assertNull(Nlri.wrap(Family.IPV4_FLOW, false, nlri, 0, nlri.length));
    }
}
