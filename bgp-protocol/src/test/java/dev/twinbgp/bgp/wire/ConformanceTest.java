package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * ExaBGP's conformance vectors (BSD licensed data, see the folder's README.md): every message in
 * {@code decoding/} and every {@code raw} line of {@code encoding/*.ci} must decode without error and
 * re-encode to the same bytes. The folder comes from the system property
 * {@code twinbgp.conformance.dir}; without it these tests are reported as skipped.
 *
 * <p>The session context of each .ci comes from its configuration (conf/NAME.conf), derived
 * minimally by {@link #negotiatedFor}: both sides are 4-octet AS capable unless the configuration
 * says {@code asn4 disable}; {@code add-path send/receive} negotiates ADD-PATH both ways for IPv4
 * unicast (the test peer mirrors the speaker's OPEN, so what the speaker sends it also receives).
 */
class ConformanceTest {
    private static final Negotiated ASN4 = new Negotiated(true, Set.of(), Set.of(), false);

    /** Per-configuration differences from {@link #ASN4}, read from conf/*.conf by hand. */
    private static final Map<String, Negotiated> CONTEXT = Map.of(
            "conf-no-asn4.conf", Negotiated.DEFAULT,
            "conf-path-information.conf", new Negotiated(true, Set.of(Family.IPV4_UNICAST), Set.of(Family.IPV4_UNICAST), false),
            // its add-path block: ipv4 unicast and ipv4 mpls-vpn, send/receive
            "conf-addpath.conf", new Negotiated(true, Set.of(Family.IPV4_UNICAST, Family.IPV4_MPLS_VPN),
                    Set.of(Family.IPV4_UNICAST, Family.IPV4_MPLS_VPN), false));

    /**
     * RFC 8956 section 3.1 vs conf-flow.ci (see the speaker's {@code conformance.Vectors}): the IPv6 pattern of
     * {@code ::1/128/120} is one octet, not ExaBGP's sixteen; the RFC's message replaces the vector's.
     */
    private static final Map<String, String> RFC = Map.of(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006902000000524001010040020040050400000064C010088006000000000000800E360002850000300180002A020B80001500007ACA39FFFEAEA87A028078000000000000000000000000000000010381110B81650D9107DD",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF005A02000000434001010040020040050400000064C010088006000000000000800E270002850000210180002A020B80001500007ACA39FFFEAEA87A028078010381110B81650D9107DD");

    /** The vectors folder, or null when the property is empty or not a directory. */
    private static Path folder() {
        String d = System.getProperty("twinbgp.conformance.dir", "");
        return !d.isBlank() && Files.isDirectory(Path.of(d)) ? Path.of(d) : null;
    }

    private static final String SKIP_REASON = "twinbgp.conformance.dir not set (or not a directory): ExaBGP conformance"
            + " vectors not run; run with TWINBGP_CONFORMANCE_DIR=/work/shared/conformance/exabgp-full ./run-tests";

    /** The folder; aborts the calling test (reported as skipped, with the reason) without it. */
    private static Path dir() {
        Path p = folder();
        assumeTrue(p != null, SKIP_REASON);
        return p;
    }

    /** A dynamic container can not be skipped as a whole: yield one test that reports the skip. */
    private static Stream<DynamicTest> skipped() {
        return Stream.of(DynamicTest.dynamicTest("vectors not available", () -> assumeTrue(false, SKIP_REASON)));
    }

    @Test
    void vectorFolderHasBothSuites() {
        assertTrue(Files.isDirectory(dir().resolve("decoding")));
        assertTrue(Files.isDirectory(dir().resolve("encoding")));
    }

    @TestFactory
    Stream<DynamicTest> decodingVectors() throws IOException {
        if (folder() == null) {
            return skipped();
        }
        Path decoding = dir().resolve("decoding");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(decoding)) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                String name = f.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    String kind = lines.get(0).trim();
                    if (kind.startsWith("nlri ")) {
                        nlri(kind.substring(5), Hex.bytes(lines.get(1).trim()));
                    } else {
                        received(whole(kind, lines.get(1).trim()), ASN4);
                    }
                }));
            }
        }
        assertTrue(!tests.isEmpty(), "no decoding vectors in " + decoding);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> encodingVectors() throws IOException {
        if (folder() == null) {
            return skipped();
        }
        Path encoding = dir().resolve("encoding");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(encoding)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ci")).sorted().toList()) {
                Negotiated neg = ASN4;
                int n = 0;
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("option:file:")) {
                        neg = CONTEXT.getOrDefault(line.substring("option:file:".length()).trim(), ASN4);
                    }
                    int raw = line.indexOf(":raw:");
                    if (raw < 0 || line.startsWith("#")) {
                        continue;
                    }
                    // N:raw:MARKER:LENGTH:TYPE:BODY - colons are only separators (one file omits one).
                    String hex = line.substring(raw + 5).replace(":", "").toUpperCase(java.util.Locale.ROOT);
                    byte[] wire = Hex.bytes(RFC.getOrDefault(hex, hex));
                    Negotiated ctx = neg;
                    String name = f.getFileName().toString();
                    tests.add(DynamicTest.dynamicTest(name + " #" + (++n), () -> {
                        roundTrip(wire, ctx);
                    }));
                }
            }
        }
        assertTrue(!tests.isEmpty(), "no encoding vectors in " + encoding);
        return tests.stream();
    }

    /**
     * Line 2 of a decoding vector as a whole message: some vectors (bgp-evpn-1, bgp-ls-3..6) give an UPDATE's
     * body only, without marker, length and type; those get the header of the kind line 1 names.
     */
    static byte[] whole(String kind, String hex) {
        String h = hex.replaceAll("[\\s:_]", "").toUpperCase(java.util.Locale.ROOT);
        return h.startsWith("F".repeat(32)) || !kind.startsWith("update") ? Hex.bytes(h) : Hex.message(2, h);
    }

    /** A vector of one route's NLRI ({@code nlri AFI SAFI}): its family's codec delimits it as one well-formed route. */
    private static void nlri(String family, byte[] wire) {
        Family f = null;
        for (int afi : new int[] {Family.AFI_IPV4, Family.AFI_IPV6, Family.AFI_BGP_LS, Family.AFI_L2VPN}) {
            for (int safi = 1; safi < 256; safi++) {
                if ((Family.afiName(afi) + " " + Family.safiName(safi)).equals(family)) {
                    f = new Family(afi, safi);
                }
            }
        }
        assertTrue(f != null, "unknown family " + family);
        dev.twinbgp.bgp.wire.family.FamilyCodec codec = dev.twinbgp.bgp.wire.family.Families.codec(f);
        assertTrue(codec != null, "no codec for " + family);
        assertEquals(wire.length, codec.routeLength(f, wire, 0, wire.length));
        assertEquals(null, codec.malformed(f, wire, 0, wire.length));
    }

    /**
     * A received message (decoding vectors come from other implementations, which order attributes their own
     * way): it decodes without error, and what we encode from it decodes to the same message.
     */
    private static void received(byte[] wire, Negotiated neg) {
        Decoded d = MessageDecoder.decode(wire, neg);
        assertTrue(d.isOk(), () -> "decoding failed: " + d);
        BgpMessage m = d.message();
        if (m instanceof Update u) {
            assertTrue(u.attributeErrors().isEmpty(), () -> "attribute errors: " + u.attributeErrors());
        }
        Decoded again = MessageDecoder.decode(MessageEncoder.encode(m, neg), neg);
        assertTrue(again.isOk(), () -> "re-encoded message does not decode: " + again);
        assertEquals(m, again.message(), "re-encoded message decodes to the same message");
    }

    private static void roundTrip(byte[] wire, Negotiated neg) {
        Decoded d = MessageDecoder.decode(wire, neg);
        if (d instanceof Decoded.Failed f && f.error().code() == 3 && f.error().subcode() == 2) {
            unrecognizedWellKnown(wire, neg, f.error());
            return;
        }
        assertTrue(d.isOk(), () -> "decoding failed: " + d);
        BgpMessage m = d.message();
        if (m instanceof Update u) {
            assertTrue(u.attributeErrors().isEmpty(), () -> "attribute errors: " + u.attributeErrors());
        }
        assertEquals(Hex.of(wire), Hex.of(MessageEncoder.encode(m, neg)), () -> "re-encoding " + m);
    }

    /**
     * Vector vs RFC: conf-generic-attribute sends attribute 0x99 with flags 0x60 / 0x70, i.e. with the
     * Optional bit clear. An attribute with the Optional bit clear is well-known, and well-known
     * attributes "MUST be recognized by all BGP implementations" (RFC 4271 section 5); an
     * unrecognized one is answered with 3/2 and the attribute as data (RFC 4271 section 6.3). We
     * follow the RFC when decoding, and check that the encoder still produces the vector's bytes from
     * the same UPDATE (decoded with the Optional bit set, then given the original flags back).
     */
    private static void unrecognizedWellKnown(byte[] wire, Negotiated neg, WireError error) {
        byte[] attr = error.data();
        int at = indexOf(wire, attr);
        assertTrue(at > 0, "3/2 data must be the attribute as it appears in the message");
        assertEquals(0, attr[0] & Attribute.FLAG_OPTIONAL, "3/2 only for an attribute with the Optional bit clear");
        byte[] patched = wire.clone();
        patched[at] |= (byte) Attribute.FLAG_OPTIONAL;
        Update u = (Update) MessageDecoder.decode(patched, neg).message();
        List<Attribute> attrs = new ArrayList<>();
        for (Attribute a : u.attributes().list()) {
            attrs.add(a instanceof Attribute.Unknown x && x.typeCode() == (attr[1] & 0xFF)
                    ? new Attribute.Unknown(attr[0] & 0xFF, x.typeCode(), x.value()) : a);
        }
        Update original = new Update(u.withdrawn(), Attributes.of(attrs), u.nlri());
        assertEquals(Hex.of(wire), Hex.of(MessageEncoder.encode(original, neg)));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
