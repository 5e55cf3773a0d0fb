package dev.twinbgp.speaker.json;

import static dev.twinbgp.speaker.json.JsonAssert.assertSameJson;
import static dev.twinbgp.speaker.json.JsonAssert.hex;
import static dev.twinbgp.speaker.json.JsonAssert.neighborOf;
import static dev.twinbgp.speaker.json.JsonAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.speaker.conformance.Vectors;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.WireError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ExaBGP's JSON vectors (BSD-licensed data, see the folder's README.md): for every {@code N:json:}
 * line of {@code encoding/*.ci}, the {@code raw} line just before it (same group, or a group that lists the
 * same message: conf-watchdog.ci labels the JSON of a message it sends three times with the last group) decoded with the
 * session context of the .ci's configuration must give the same JSON, compared as JSON without the
 * volatile keys; likewise line 2 / line 3 of every {@code decoding/} file. The folder comes from the
 * system property {@code twinbgp.conformance.dir}; without it the tests are reported as skipped.
 *
 * <p>Session context from {@code conf/NAME.conf}, derived minimally: 4-octet AS on both sides unless
 * the configuration says {@code asn4 disable} (ExaBGP's default is enabled); {@code add-path} in the
 * capability block means ADD-PATH received for IPv4 unicast (the test peer mirrors the speaker's
 * OPEN). The neighbor block (addresses, AS numbers, router id) is taken from the expected JSON.
 */
class ConformanceJsonTest {
    private static final String SKIP_REASON = "twinbgp.conformance.dir not set (or not a directory): ExaBGP JSON"
            + " vectors not run; run with TWINBGP_CONFORMANCE_DIR=/work/shared/conformance/exabgp-full ./run-tests";

    private static Path folder() {
        String d = System.getProperty("twinbgp.conformance.dir", "");
        return !d.isBlank() && Files.isDirectory(Path.of(d)) ? Path.of(d) : null;
    }

    /** A dynamic container can not be skipped as a whole: yield one test that reports the skip. */
    private static Stream<DynamicTest> skipped() {
        return Stream.of(DynamicTest.dynamicTest("vectors not available", () -> assumeTrue(false, SKIP_REASON)));
    }

    @TestFactory
    Stream<DynamicTest> encodingJsonLines() throws IOException {
        Path dir = folder();
        if (dir == null) {
            return skipped();
        }
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("encoding"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ci")).sorted().toList()) {
                Negotiated neg = new Negotiated(true, Set.of(), Set.of(), false);
                java.util.Map<String, Set<String>> rawByGroup = new java.util.HashMap<>();
                for (String line : Files.readAllLines(f)) {
                    int at = line.indexOf(":raw:");
                    if (at > 0 && !line.startsWith("#")) {
                        rawByGroup.computeIfAbsent(line.substring(0, line.indexOf(':')), g -> new java.util.HashSet<>())
                                .add(line.substring(at + 5).replace(":", "").toUpperCase());
                    }
                }
                String lastRaw = null;
                String lastGroup = null;
                int n = 0;
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith("option:file:")) {
                        neg = negotiatedFor(dir.resolve("conf").resolve(line.substring("option:file:".length()).trim()));
                    }
                    int colon = line.indexOf(':');
                    String group = colon > 0 ? line.substring(0, colon) : "";
                    if (line.contains(":raw:")) {
                        lastRaw = Vectors.rfc(line.substring(line.indexOf(":raw:") + 5).replace(":", "").toUpperCase());
                        lastGroup = group;
                    } else if (line.contains(":json:") || line.contains(":jsv6:")) { // jsv6: ExaBGP 6's form (not jsv4)
                        String raw = lastRaw;
                        assertTrue(raw != null && (group.equals(lastGroup) || rawByGroup.getOrDefault(group, Set.of()).stream()
                                .anyMatch(r -> Vectors.rfc(r).equals(raw))), f + ": json line without its raw line before it (group " + group + ")");
                        byte[] wire = hex(lastRaw);
                        String expected = line.substring(Math.max(line.indexOf(":json:"), line.indexOf(":jsv6:")) + 6);
                        Negotiated ctx = neg;
                        String name = f.getFileName().toString();
                        tests.add(DynamicTest.dynamicTest(name + " json #" + (++n), () -> {
                            check(wire, ctx, expected);
                        }));
                    }
                }
            }
        }
        assertFalse(tests.isEmpty(), "no json lines in " + dir.resolve("encoding"));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> decodingFiles() throws IOException {
        Path dir = folder();
        if (dir == null) {
            return skipped();
        }
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("decoding"))) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                String h = lines.get(1).replaceAll("[\\s:_]", "").toUpperCase(java.util.Locale.ROOT);
                // some vectors (bgp-evpn-1, bgp-ls-3..6) give an UPDATE's body only: add the header line 1 names
                byte[] wire = h.startsWith("F".repeat(32)) || !lines.get(0).trim().startsWith("update")
                        ? hex(h) : JsonAssert.message(2, h);
                String expected = lines.get(2);
                String kind = lines.get(0).trim();
                String name = f.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name + " (" + kind + ")", () -> {
                    if (kind.startsWith("nlri ")) {
                        checkNlri(kind.substring(5), wire, expected);
                        return;
                    }
                    check(asMessage(wire), new Negotiated(true, Set.of(), Set.of(), false), expected);
                    assertTrue(kind.startsWith(parse(expected).path("type").asText()), "line 1 names the message kind");
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no decoding vectors");
        return tests.stream();
    }

    /** Some decoding vectors hold an UPDATE's body only (no marker, length, type): made a whole UPDATE message. */
    private static byte[] asMessage(byte[] wire) {
        for (int i = 0; i < 16; i++) {
            if (i >= wire.length || wire[i] != (byte) 0xFF) {
                return JsonAssert.message(2, java.util.HexFormat.of().formatHex(wire));
            }
        }
        return wire;
    }

    /** A vector of one NLRI ({@code nlri AFI SAFI}): the family codec's JSON of the route, next hop unknown. */
    private static void checkNlri(String family, byte[] nlri, String expected) {
        Family f = familyNamed(family);
        dev.twinbgp.bgp.wire.family.FamilyCodec codec = dev.twinbgp.bgp.wire.family.Families.codec(f);
        assertTrue(codec != null, "no codec for " + family);
        assertEquals(nlri.length, codec.routeLength(f, nlri, 0, nlri.length), "the vector is one route");
        assertEquals(null, codec.malformed(f, nlri, 0, nlri.length));
        com.fasterxml.jackson.databind.node.ObjectNode o = JsonAssert.MAPPER.createObjectNode();
        codec.describe(f, nlri, null, new dev.twinbgp.bgp.wire.family.FamilyCodec.Fields() {
            @Override
            public void list(String name, List<String> values) {
                values.forEach(o.putArray(name)::add);
            }

            @Override
            public void string(String name, String value) {
                o.put(name, value);
            }

            @Override
            public void value(String name, Object value) {
                o.set(name, JsonAssert.MAPPER.valueToTree(value));
            }
        });
        assertSameJson(expected, o.toString());
    }

    private static Family familyNamed(String name) {
        for (int afi : new int[] {Family.AFI_IPV4, Family.AFI_IPV6, Family.AFI_BGP_LS, 25}) {
            for (int safi = 1; safi < 256; safi++) {
                if ((Family.afiName(afi) + " " + Family.safiName(safi)).equals(name)) {
                    return new Family(afi, safi);
                }
            }
        }
        throw new AssertionError("unknown family " + name);
    }

    /** asn4 unless "asn4 disable"; ADD-PATH received for IPv4 unicast when the capability block has add-path. */
    static Negotiated negotiatedFor(Path conf) throws IOException {
        String text = Files.exists(conf) ? Files.readString(conf) : "";
        boolean asn4 = !text.matches("(?s).*asn4\\s+disable.*");
        boolean addPath = text.matches("(?s).*add-path\\s+(send/receive|receive).*");
        Set<Family> ap = addPath ? Set.of(Family.IPV4_UNICAST) : Set.of();
        if (addPath && text.matches("(?s).*add-path\\s*\\{[^}]*ipv4 mpls-vpn[^}]*}.*")) {
            ap = Set.of(Family.IPV4_UNICAST, Family.IPV4_MPLS_VPN); // the neighbor's add-path { } block
        }
        return new Negotiated(asn4, ap, ap, false);
    }

    private static void check(byte[] wire, Negotiated neg, String expected) {
        JsonNode exp = parse(expected);
        Decoded d = MessageDecoder.decode(wire, neg);
        BgpMessage m;
        if (d instanceof Decoded.Failed f && f.error().code() == ErrorCodes.UPDATE_MESSAGE
                && f.error().subcode() == ErrorCodes.UPDATE_UNRECOGNIZED_WELL_KNOWN) {
            m = asExaBgpReadIt(wire, neg, f.error());
        } else {
            assertTrue(d.isOk(), () -> "decoding failed: " + d);
            m = d.message();
        }
        String ours = JsonAssert.fixedEncoder().message(m, neighborOf(exp), Direction.IN);
        assertSameJson(expected, ours);
        // The event writer's path (octets straight into its buffer, UpdateBytes for the common UPDATE): the same line.
        ExaJson octets = JsonAssert.fixedEncoder();
        JsonBytes out = new JsonBytes(256);
        octets.message(m, neighborOf(exp), Direction.IN, octets.stamp(neighborOf(exp)), out);
        assertEquals(ours, out.toString(), "the event writer's octets");
        assertEquals(floats(expected), floats(ours), "floats are written as ExaBGP (Python's repr) writes them");
    }

    /**
     * The float literals of a JSON text as written (e.g. the BGP-LS bandwidths, {@code 125000000.0}), sorted; the
     * volatile {@code "time"} left out. Compared as JSON, {@code 1.25E8} would equal them: here the text counts.
     */
    static List<String> floats(String json) {
        String text = json.replaceAll("\"time\"\\s*:\\s*[-0-9.eE+]+", "")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?").matcher(text);
        while (m.find()) {
            if (m.group().matches(".*[.eE].*")) {
                out.add(m.group());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Vector vs RFC (explicit exception): conf-generic-attribute sends attribute 0x99 with flags 0x60 /
     * 0x70, the Optional bit clear. Such an attribute is well-known, and an unrecognized well-known
     * attribute is an error: NOTIFICATION 3/2 with the attribute as data (RFC 4271 sections 5 and
     * 6.3). Our decoder follows the RFC; ExaBGP reports the attribute as generic. We check that 3/2
     * is what we answer, then that the UPDATE ExaBGP saw (the same bytes, the attribute kept with its
     * flags as received) gives ExaBGP's JSON.
     */
    private static BgpMessage asExaBgpReadIt(byte[] wire, Negotiated neg, WireError error) {
        byte[] attr = error.data();
        assertEquals(0, attr[0] & Attribute.FLAG_OPTIONAL, "3/2 only for an attribute with the Optional bit clear");
        int at = indexOf(wire, attr);
        assertTrue(at > 0, "3/2 data is the attribute as it appears in the message");
        byte[] patched = wire.clone();
        patched[at] |= (byte) Attribute.FLAG_OPTIONAL;
        Update u = (Update) MessageDecoder.decode(patched, neg).message();
        List<Attribute> attrs = new ArrayList<>();
        for (Attribute a : u.attributes().list()) {
            attrs.add(a instanceof Attribute.Unknown x && x.typeCode() == (attr[1] & 0xFF)
                    ? new Attribute.Unknown(attr[0] & 0xFF, x.typeCode(), x.value()) : a);
        }
        return new Update(u.withdrawn(), Attributes.of(attrs), u.nlri());
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
