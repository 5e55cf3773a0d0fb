package dev.twinbgp.bgp.wire.family;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.Hex;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Samples;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.UpdatePacker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixAndNlriTest {
    @Test
    void canonicalText() {
        assertEquals("10.0.0.0/24", Prefix.parse("10.0.0.0/24").toString());
        assertEquals("10.0.0.0/8", Prefix.parse("10.1.2.3/8").toString()); // host bits cleared
        assertEquals("0.0.0.0/0", Prefix.parse("0.0.0.0/0").toString());
        assertEquals("2001:db8::/32", Prefix.parse("2001:0DB8:0:0::/32").toString());
        assertEquals("::/0", Prefix.parse("::/0").toString());
        assertEquals("2001:db8:0:1:1:1:1:1/128", Prefix.parse("2001:db8:0:1:1:1:1:1/128").toString()); // RFC 5952 4.2.2
        assertEquals("2001:0:0:1::1/128", Prefix.parse("2001:0:0:1:0:0:0:1/128").toString()); // longest run
        assertEquals("::ffff:192.0.2.1/128", Prefix.parse("::ffff:192.0.2.1/128").toString()); // RFC 5952 5, as ExaBGP
        assertEquals("10.0.0.0/24 path-id 7", Prefix.parse("10.0.0.0/24").withPathId(7).toString());
    }

    @Test
    void everyLengthKeepsExactlyItsLeadingBits() {
        for (int octets : new int[] {4, 16}) {
            byte[] ones = new byte[octets];
            java.util.Arrays.fill(ones, (byte) 0xFF);
            for (int length = 0; length <= octets * 8; length++) {
                byte[] kept = Prefix.of(ones, length).address();
                for (int bit = 0; bit < octets * 8; bit++) {
                    boolean set = (kept[bit >> 3] & (0x80 >>> (bit & 7))) != 0;
                    assertEquals(bit < length, set, octets + " octets, /" + length + ", bit " + bit);
                }
            }
        }
    }

    @Test
    void invalidTextIsRejected() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0/24", "10.0.0.256/24", "10.0.0.0", "2001:db8::/129", "1::2::3/64", "x/1")) {
            assertThrows(IllegalArgumentException.class, () -> Prefix.parse(bad), bad);
        }
    }

    @Test
    void blockAccessors() {
        Nlri n = Samples.ipv4(false, "10.0.0.0/24", "192.0.2.1/32", "0.0.0.0/0", "10.128.0.0/9");
        assertEquals(4, n.size());
        assertEquals("192.0.2.1/32", n.get(1).toString());
        assertEquals(Hex.of(Hex.bytes("18 0A0000 20 C0000201 00 09 0A80")), Hex.of(n.toByteArray()));
        List<String> seen = new ArrayList<>();
        n.forEachIpv4((id, addr, len) -> seen.add(Prefix.ipv4(addr, len) + " " + id));
        assertEquals(List.of("10.0.0.0/24 -1", "192.0.2.1/32 -1", "0.0.0.0/0 -1", "10.128.0.0/9 -1"), seen);
        assertEquals(n, Nlri.of(Family.IPV4_UNICAST, false, n.prefixes()));
        assertEquals("[10.0.0.0/24, 192.0.2.1/32, 0.0.0.0/0, 10.128.0.0/9]", n.toString());
    }

    @Test
    void pathIdsConvert() {
        Nlri with = Samples.ipv4(true, "10.0.0.0/24", "10.0.1.0/24");
        assertEquals("[10.0.0.0/24 path-id 1, 10.0.1.0/24 path-id 2]", with.toString());
        Nlri without = with.withPathIds(false);
        assertEquals("[10.0.0.0/24, 10.0.1.0/24]", without.toString());
        assertEquals("[10.0.0.0/24 path-id 0, 10.0.1.0/24 path-id 0]", without.withPathIds(true).toString());
    }

    @Test
    void wrapValidates() {
        byte[] ok = Hex.bytes("18 0A0000 00");
        assertEquals(2, Nlri.wrap(Family.IPV4_UNICAST, false, ok, 0, ok.length).size());
        assertNull(Nlri.wrap(Family.IPV4_UNICAST, false, Hex.bytes("21 0A000000 00"), 0, 6)); // /33
        assertNull(Nlri.wrap(Family.IPV4_UNICAST, false, Hex.bytes("18 0A00"), 0, 3)); // short
        assertNull(Nlri.wrap(Family.IPV4_UNICAST, true, Hex.bytes("000000 01"), 0, 4)); // path id cut
        assertNull(Nlri.wrap(Family.IPV6_UNICAST, false, Hex.bytes("81 00"), 0, 2)); // /129
        // A family without a plain prefix encoding is kept opaque.
        Nlri opaque = Nlri.wrap(new Family(1, 241), false, Hex.bytes("FFFF"), 0, 2);
        assertTrue(opaque.isOpaque());
        assertEquals(0, opaque.size());
    }

    @Test
    void packerFillsMessagesUpToTheMaximum() {
        Attributes attrs = Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001L), Attribute.NextHop.of("192.0.2.1"));
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            prefixes.add(Prefix.ipv4(0x0A000000 + (i << 8), 24));
        }
        for (Negotiated neg : Samples.CONTEXTS) {
            List<Update> ups = UpdatePacker.announceIpv4(attrs, prefixes, neg);
            int total = 0;
            for (Update u : ups) {
                byte[] wire = MessageEncoder.encode(u, neg);
                assertTrue(wire.length <= neg.maxMessageLength());
                // Every message but the last is full: one more prefix would not fit.
                if (u != ups.get(ups.size() - 1)) {
                    assertTrue(wire.length + prefixes.get(0).wireSize(neg.addPathSend().contains(Family.IPV4_UNICAST)) > neg.maxMessageLength());
                }
                total += u.nlri().size();
                assertTrue(u.attributes() == attrs); // one shared Attributes, encoded once
            }
            assertEquals(prefixes.size(), total);
        }
        List<Prefix> v6 = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] a = Bytes.parseIpv6("2001:db8::");
            Bytes.put16(a, 4, i);
            v6.add(Prefix.of(a, 48));
        }
        List<Update> mp = UpdatePacker.announce(Family.IPV6_UNICAST, Bytes.parseIpv6("2001:db8::1"), attrs.without(Attribute.NEXT_HOP), v6, Samples.ASN4);
        List<Update> wd = UpdatePacker.withdraw(Family.IPV6_UNICAST, v6, Samples.ASN4);
        int n = 0;
        for (Update u : mp) {
            Update back = (Update) MessageDecoder.decode(MessageEncoder.encode(u, Samples.ASN4), Samples.ASN4).message();
            n += back.mpReach().orElseThrow().nlri().size();
            assertTrue(back.attributeErrors().isEmpty());
        }
        assertEquals(5000, n);
        n = 0;
        for (Update u : wd) {
            n += u.mpUnreach().orElseThrow().nlri().size();
            assertTrue(MessageEncoder.encode(u, Samples.ASN4).length <= 4096);
        }
        assertEquals(5000, n);
    }
}
