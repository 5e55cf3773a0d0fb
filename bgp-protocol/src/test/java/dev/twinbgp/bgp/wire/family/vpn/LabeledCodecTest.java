package dev.twinbgp.bgp.wire.family.vpn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.LabelStack;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labeled unicast and L3VPN NLRI (RFC 8277, RFC 4364, RFC 4659) against ExaBGP's vectors and the RFCs. */
class LabeledCodecTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static Map<String, Object> describe(Family f, byte[] nlri, boolean withdrawn) {
        Map<String, Object> out = new LinkedHashMap<>();
        FamilyCodec.Fields fields = new FamilyCodec.Fields() {
            @Override
            public void list(String name, List<String> values) {
                out.put(name, values);
            }

            @Override
            public void string(String name, String value) {
                out.put(name, value);
            }

            @Override
            public void numbers(String name, List<long[]> values) {
                List<List<Long>> l = new ArrayList<>();
                for (long[] v : values) {
                    l.add(java.util.Arrays.stream(v).boxed().toList());
                }
                out.put(name, l);
            }
        };
        if (withdrawn) {
            Families.codec(f).describeWithdrawn(f, nlri, fields);
        } else {
            Families.codec(f).describe(f, nlri, fields);
        }
        return out;
    }

    @Test
    void confVpnRouteEncodesAsExaBgpDoes() {
        // conf-vpn.ci: 10.0.0.0/25 rd 65000:1 label 1000 -> 71 003E81 0000FDE800000001 0A0000 00
        LabeledRoute r = new LabeledRoute(Family.IPV4_MPLS_VPN, LabelStack.of(List.of(1000)),
                RouteDistinguisher.parse("65000:1"), Prefix.parse("10.0.0.0/25"));
        assertEquals("71003E810000FDE8000000010A000000", HEX.formatHex(r.route().nlri()));
        assertEquals(Map.of("nlri", "10.0.0.0/25", "label", List.of(List.of(1000L, 16001L)), "rd", "65000:1"),
                describe(Family.IPV4_MPLS_VPN, r.route().nlri(), false));
        assertEquals(Map.of("nlri", "10.0.0.0/25"), describe(Family.IPV4_MPLS_VPN, r.route().nlri(), true));
        assertEquals("10.0.0.0/25 label 1000 rd 65000:1", r.route().toString());
    }

    @Test
    void addPathVpnRouteFromConfAddpath() {
        // conf-addpath.ci: path id 0.0.0.10, 10.0.0.0/24 rd 100:100 label 20012
        byte[] field = HEX.parseHex("0000000A7004E2C100000064000000640A0000");
        Nlri nlri = Nlri.wrap(Family.IPV4_MPLS_VPN, true, field, 0, field.length);
        assertNotNull(nlri);
        assertNull(nlri.malformed());
        NlriRoute route = (NlriRoute) nlri.routes().get(0);
        assertEquals(10, route.pathId());
        assertEquals(Map.of("nlri", "10.0.0.0/24", "label", List.of(List.of(20012L, 320193L)), "rd", "100:100"),
                describe(Family.IPV4_MPLS_VPN, route.nlri(), false));
    }

    @Test
    void extendedNextHopVectorNlri() {
        // vpnv4-extended-nexthop-1: 10.1.0.0/24 label 3 rd 4:100
        byte[] nlri = HEX.parseHex("7000003100000004000000640A0100");
        assertEquals(Map.of("nlri", "10.1.0.0/24", "label", List.of(List.of(3L, 49L)), "rd", "4:100"),
                describe(Family.IPV4_MPLS_VPN, nlri, false));
    }

    @Test
    void aWithdrawalWithAnyLabelNamesTheAnnouncedRoute() {
        // RFC 8277 section 2.4: the label field of a withdrawal is ignored (0x800000 by convention)
        Prefix p = Prefix.parse("2001:db8::/48");
        RouteDistinguisher rd = RouteDistinguisher.parse("1.2.3.4:7");
        NlriRoute announced = new LabeledRoute(Family.IPV6_MPLS_VPN, LabelStack.of(List.of(100, 200)), rd, p).route();
        NlriRoute withdrawn = new LabeledRoute(Family.IPV6_MPLS_VPN, LabelStack.withdrawal(), rd, p).route();
        assertEquals(announced, withdrawn);
        assertEquals(announced.hashCode(), withdrawn.hashCode());
        NlriRoute otherRd = new LabeledRoute(Family.IPV6_MPLS_VPN, LabelStack.withdrawal(),
                RouteDistinguisher.parse("1.2.3.4:8"), p).route();
        assertNotEquals(announced, otherRd);
        assertNotEquals(announced, announced.withPathId(1));
        // the stack is read up to the withdrawal value
        assertEquals(Map.of("nlri", "2001:db8::/48", "label", List.of(List.of(0x80000L, 0x800000L)), "rd", "1.2.3.4:7"),
                describe(Family.IPV6_MPLS_VPN, withdrawn.nlri(), false));
    }

    @Test
    void labeledUnicastStackOfSeveralLabels() {
        LabeledRoute r = new LabeledRoute(Family.IPV4_MPLS_LABEL, LabelStack.of(List.of(16, 17, 18)), null,
                Prefix.parse("192.0.2.0/24"));
        byte[] nlri = r.route().nlri();
        assertEquals("60000100000110000121C00002", HEX.formatHex(nlri));
        LabeledCodec.Parsed parsed = LabeledCodec.parse(Family.IPV4_MPLS_LABEL, nlri, 0, nlri.length);
        assertNull(parsed.error());
        assertEquals(r, parsed.route());
        assertEquals("192.0.2.0/24 label [ 16 17 18 ]", r.toString());
    }

    @Test
    void routeDistinguisherTypesAndNotations() {
        assertEquals("0000FDE800000001", HEX.formatHex(RouteDistinguisher.parse("65000:1").octets()));
        assertEquals("000100000000FFFFFFFF".substring(0, 4) + "0A000001FFFF",
                HEX.formatHex(RouteDistinguisher.parse("10.0.0.1:65535").octets()));
        assertEquals("0002000100000005", HEX.formatHex(RouteDistinguisher.parse("65536:5").octets()));
        assertEquals("65536:5", RouteDistinguisher.parse("65536:5").toString());
        assertEquals("10.0.0.1:65535", RouteDistinguisher.parse("10.0.0.1:65535").toString());
        assertEquals("0x0003000000000001", RouteDistinguisher.of(HEX.parseHex("0003000000000001"), 0).toString());
        assertThrows(IllegalArgumentException.class, () -> RouteDistinguisher.parse("65536:65536"));
        assertThrows(IllegalArgumentException.class, () -> RouteDistinguisher.parse("10.0.0.1:65536"));
    }

    @Test
    void malformedRoutesAreNamed() {
        FamilyCodec c = Families.codec(Family.IPV4_MPLS_VPN);
        // 64 bits: room for the RD only, no label
        byte[] noLabel = HEX.parseHex("400000FDE800000001");
        assertNotNull(c.malformed(Family.IPV4_MPLS_VPN, noLabel, 0, noLabel.length));
        // a prefix of 33 bits after label and RD
        byte[] tooLong = HEX.parseHex("7903E8110000FDE8000000010A0000000000");
        assertNotNull(c.malformed(Family.IPV4_MPLS_VPN, tooLong, 0, tooLong.length));
        // a field cut short: the length says more octets than there are
        byte[] cut = HEX.parseHex("7003E811");
        assertNull(Nlri.wrap(Family.IPV4_MPLS_VPN, false, cut, 0, cut.length));
        // a malformed route is shown raw, never throws
        assertEquals(Map.of("raw", "0x400000FDE800000001"), describe(Family.IPV4_MPLS_VPN, noLabel, false));
    }

    @Test
    void badRoutesAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> LabelStack.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> LabelStack.of(List.of(1 << 20)));
        assertThrows(IllegalArgumentException.class, () -> new LabeledRoute(Family.IPV4_MPLS_VPN,
                LabelStack.of(List.of(1)), null, Prefix.parse("10.0.0.0/8")));
        assertThrows(IllegalArgumentException.class, () -> new LabeledRoute(Family.IPV4_MPLS_LABEL,
                LabelStack.of(List.of(1)), null, Prefix.parse("2001:db8::/32")));
        assertArrayEquals(new byte[] {(byte) 0x80, 0, 0}, bytes(LabelStack.withdrawal()));
    }

    private static byte[] bytes(LabelStack s) {
        byte[] b = new byte[s.wireLength()];
        s.writeTo(b, 0);
        return b;
    }
}
