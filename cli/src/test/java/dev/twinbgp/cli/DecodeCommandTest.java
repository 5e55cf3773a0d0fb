package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code twinbgp decode} through {@link Main#run}, with stdin/stdout/stderr redirected. */
class DecodeCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MARKER = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static final String KEEPALIVE = MARKER + "001304";
    /** ExaBGP's decoding vector bgp-open-sofware-version (BSD-licensed data). */
    private static final String OPEN = MARKER + "00510104FFFD00B40A000002340206010400010001020641040000FFFD02224B201F"
            + "4578614247502F6D61696E2D633261326561386562642D3230323430373135";
    /** ExaBGP's decoding vector ipv4-unicast-1. */
    private static final String UPDATE = MARKER + "003C020000001C4001010040020040030465016501800404000000C8400504000000640000000020"
            + "01010101";

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {
        List<JsonNode> lines() {
            List<JsonNode> l = new ArrayList<>();
            for (String s : out.split("\n")) {
                if (!s.isBlank()) {
                    try {
                        l.add(MAPPER.readTree(s));
                    } catch (java.io.IOException e) {
                        throw new AssertionError("stdout line is not JSON: " + s, e);
                    }
                }
            }
            return l;
        }
    }

    private static synchronized Run run(String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void keepalive() {
        Run r = run("", "decode", KEEPALIVE);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals(1, r.lines().size());
        JsonNode j = r.lines().get(0);
        assertEquals("keepalive", j.get("type").asText());
        assertEquals("in", j.path("neighbor").path("direction").asText());
        assertEquals("127.0.0.1", j.path("neighbor").path("router-id").asText());
    }

    @Test
    void toleratesSpacesColonsAnd0x() {
        Run r = run("", "decode", "0xFFFFFFFF:FFFFFFFF", "FFFFFFFF FFFFFFFF", "00:13:04");
        assertEquals(0, r.exit(), r.err());
        assertEquals("keepalive", r.lines().get(0).get("type").asText());
    }

    @Test
    void openVector() {
        Run r = run("", "decode", OPEN);
        assertEquals(0, r.exit(), r.err());
        JsonNode open = r.lines().get(0).path("neighbor").path("open");
        assertEquals(65533, open.get("asn").asInt());
        assertEquals("10.0.0.2", open.get("router_id").asText());
        assertEquals("ExaBGP/main-c2a2ea8ebd-20240715", open.path("capabilities").path("75").path("software").asText());
    }

    /** decoding/bgp-flow-1 of ExaBGP's vectors: an IPv6 FlowSpec rule (RFC 8956). */
    private static final String FLOW = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:0056:02:0000003F4001010040020040050400000064800E2E000285"
            + "0000280180002A0229B8192500000000000000002E69024000BEEFF00E000000000381060C000400028008";

    @Test
    void flowSpecGivesExaBgpsJson() throws Exception {
        Run r = run("", "decode", FLOW);
        assertEquals(0, r.exit(), r.err());
        JsonNode update = r.lines().get(0).path("neighbor").path("message").path("update");
        assertEquals(MAPPER.readTree("{ \"no-nexthop\": [ { \"destination-ipv6\": [ \"2a02:29b8:1925::2e69/128/0\" ],"
                + " \"source-ipv6\": [ \"beef:f00e::/64/0\" ], \"next-header\": [ \"=tcp\" ],"
                + " \"fragment\": [ \"first-fragment\", \"is-fragment\", \"last-fragment\" ], \"string\": \"flow"
                + " destination-ipv6 2a02:29b8:1925::2e69/128/0 source-ipv6 beef:f00e::/64/0 next-header =tcp fragment"
                + " [ first-fragment is-fragment last-fragment ]\" } ] }"), update.path("announce").path("ipv6 flow"));
    }

    @Test
    void vpnRoutesGiveExaBgpsJsonWithAndWithoutAddPath() throws Exception {
        // conf-vpn.ci: 10.0.0.0/25 rd 65000:1 label 1000, next hop RD 0 + 200.10.0.101
        Run r = run("", "decode", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF0063020000004C40010100400200400304C80A006540050400000064"
                + "C0101000022710000000010002FDE800000001800E210001800C0000000000000000C80A00650071003E810000FDE80000"
                + "00010A000000");
        assertEquals(0, r.exit(), r.err());
        assertEquals(MAPPER.readTree("{ \"200.10.0.101\": [ { \"nlri\": \"10.0.0.0/25\", \"label\": [ [ 1000, 16001 ] ],"
                + " \"rd\": \"65000:1\" } ] }"),
                r.lines().get(0).path("neighbor").path("message").path("update").path("announce").path("ipv4 mpls-vpn"));
        // conf-addpath.ci, path id 0.0.0.10
        Run p = run("", "decode", "--add-path-family", "ipv4/mpls-vpn", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF0066020000004F"
                + "40010100400200400304C0A8000140050400000064C0101000020000000000000002000100000001800E240001800C0000"
                + "000000000000C0A80001000000000A7004E2C100000064000000640A0000");
        assertEquals(0, p.exit(), p.err());
        assertEquals("0.0.0.10", p.lines().get(0).path("neighbor").path("message").path("update").path("announce")
                .path("ipv4 mpls-vpn").path("192.168.0.1").get(0).path("path-information").asText());
    }

    @Test
    void routeTargetMembershipGivesExaBgpsJson() throws Exception {
        // RFC 4684: ipv4 rtc, origin 65000, target:65000:1, next hop 10.0.0.1
        Run r = run("", "decode", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF003E02000000274001010040020040050400000064"
                + "800E16000184040A00000100600000FDE80002FDE800000001");
        assertEquals(0, r.exit(), r.err());
        assertEquals(MAPPER.readTree("{ \"10.0.0.1\": [ { \"origin\": 65000, \"route-target\": \"target:65000:1\" } ] }"),
                r.lines().get(0).path("neighbor").path("message").path("update").path("announce").path("ipv4 rtc"));
    }

    @Test
    void flowSpecOutOfOrderIsTreatAsWithdrawWithOneLineOnStderr() {
        // MP_REACH ipv4 flow whose source (2) comes before its destination (1): RFC 8955 section 4.2
        Run r = run("", "decode", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF003A020000002340010100400200400504000000"
                + "64800E120001850000" + "0C02200A0000020120C0A80001");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("increasing type order"), r.err());
        assertTrue(r.lines().get(0).path("neighbor").path("message").path("update").has("withdraw"), r.lines().toString());
    }

    @Test
    void updateVectorGivesExaBgpsJson() throws Exception {
        Run r = run("", "decode", UPDATE);
        assertEquals(0, r.exit(), r.err());
        JsonNode update = r.lines().get(0).path("neighbor").path("message").path("update");
        assertEquals(MAPPER.readTree("{ \"attribute\": { \"origin\": \"igp\", \"med\": 200, \"local-preference\": 100 }, \"announce\":"
                + " { \"ipv4 unicast\": { \"101.1.101.1\": [ { \"nlri\": \"0.0.0.0/0\" }, { \"nlri\": \"0.0.0.0/0\" },"
                + " { \"nlri\": \"0.0.0.0/0\" }, { \"nlri\": \"0.0.0.0/0\" }, { \"nlri\": \"1.1.1.1/32\" } ] } } }"), update);
    }

    @Test
    void neighborOptionsAndAddPath() {
        // ExaBGP's conf-path-information vector: ADD-PATH path id 1 before 10.0.0.10/32
        String hex = MARKER + "0035" + "02" + "00000015400101004002004003040A0A010140050400000064" + "00000001200A00000A";
        Run plain = run("", "decode", hex);
        assertEquals(1, plain.exit(), "without --add-path the path id reads as a bad prefix");
        Run r = run("", "decode", "--add-path-family=ipv4/unicast", "--local-as=55219", "--peer-as=4200000000",
                "--local-address=192.0.2.1", "--peer-address=192.0.2.2", "--router-id=1.2.3.4", "--direction=out", hex);
        assertEquals(0, r.exit(), r.err());
        JsonNode n = r.lines().get(0).path("neighbor");
        assertEquals(55219, n.path("asn").path("local").asLong());
        assertEquals(4200000000L, n.path("asn").path("peer").asLong());
        assertEquals("192.0.2.2", n.path("address").path("peer").asText());
        assertEquals("1.2.3.4", n.path("router-id").asText());
        assertEquals("out", n.path("direction").asText());
        assertEquals("0.0.0.1", n.path("message").path("update").path("announce").path("ipv4 unicast").path("10.10.1.1")
                .path(0).path("path-information").asText());
        assertEquals(0, run("", "decode", "--add-path", hex).exit());
    }

    @Test
    void noAsn4ReadsTwoOctetAsPaths() {
        // ExaBGP's conf-no-asn4 vector: AS_PATH [100] in 2 octets
        String hex = MARKER + "0034" + "02" + "0000001940010100400204020100644003040A00FFFE40050400000064180A0001";
        Run r = run("", "decode", "--no-asn4", hex);
        assertEquals(0, r.exit(), r.err());
        assertEquals("[100]", r.lines().get(0).path("neighbor").path("message").path("update").path("attribute")
                .path("as-path").path("0").path("value").toString());
        // Read with 4-octet ASes the same bytes are a malformed AS_PATH: treat-as-withdraw (RFC 7606 section 7.2).
        Run asn4 = run("", "decode", hex);
        assertEquals(0, asn4.exit(), asn4.err());
        assertEquals("[{\"nlri\":\"10.0.1.0/24\"}]", asn4.lines().get(0).path("neighbor").path("message").path("update")
                .path("withdraw").path("ipv4 unicast").toString());
    }

    @Test
    void stdinSeveralLines() {
        String in = KEEPALIVE + "\n\n# a comment\n" + UPDATE + "\n  " + OPEN + "  \n";
        Run r = run(in, "decode", "-");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> l = r.lines();
        assertEquals(3, l.size());
        assertEquals(List.of("keepalive", "update", "open"), l.stream().map(j -> j.get("type").asText()).toList());
        assertEquals(List.of(1L, 2L, 3L), l.stream().map(j -> j.get("counter").asLong()).toList());
    }

    @Test
    void stdinCarriesOnAndExitsWithTheWorstCode() {
        Run r = run(KEEPALIVE + "\nnot hex\n" + KEEPALIVE + "\n", "decode", "-");
        assertEquals(2, r.exit());
        assertEquals(2, r.lines().size());
        assertTrue(r.err().startsWith("twinbgp decode: line 2: bad hex"), r.err());
    }

    @Test
    void malformedHeaderIsConnectionNotSynchronized() {
        Run r = run("", "decode", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00001304");
        assertNotification(r, 1, 1);
    }

    @Test
    void badLengthIsBadMessageLength() {
        Run r = run("", "decode", MARKER + "001404" + "00");
        JsonNode n = assertNotification(r, 1, 2);
        assertEquals("0x0014", n.get("data").asText(), "RFC 4271 section 6.1: the erroneous Length field");
    }

    @Test
    void malformedUpdateIsAnUpdateMessageError() {
        // Withdrawn Routes Length 0xFFFF in a 4-octet body (RFC 4271 section 6.3: Malformed Attribute List)
        Run r = run("", "decode", MARKER + "0017" + "02" + "FFFF0000");
        JsonNode n = assertNotification(r, 3, 1);
        assertEquals("UPDATE message error / Malformed Attribute List", n.get("name").asText());
    }

    private static JsonNode assertNotification(Run r, int code, int subcode) {
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.lines().size(), r.out());
        JsonNode j = r.lines().get(0);
        assertEquals("notification", j.get("type").asText());
        assertEquals("out", j.path("neighbor").path("direction").asText());
        JsonNode n = j.path("neighbor").path("notification");
        assertEquals(code, n.get("code").asInt());
        assertEquals(subcode, n.get("subcode").asInt());
        assertEquals(1, r.err().lines().count(), "one line on stderr: " + r.err());
        assertTrue(r.err().contains("NOTIFICATION " + code + "/" + subcode), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        return n;
    }

    @Test
    void badHexIsAUsageError() {
        for (String bad : new String[] {MARKER + "00130", MARKER + "0013zz", "0x"}) {
            Run r = run("", "decode", bad);
            assertEquals(2, r.exit(), bad);
            assertEquals("", r.out(), bad);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("twinbgp decode: bad hex: "), r.err());
        }
    }

    @Test
    void helpListsTheExitCodes() {
        Run r = run("", "decode", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("--no-asn4") || r.out().contains("--[no-]asn4"), r.out());
        assertEquals(2, run("", "decode", "--bogus", KEEPALIVE).exit());
        assertEquals(2, run("", "decode", "--add-path-family=ipv9/unicast", KEEPALIVE).exit());
    }

    /** RFC 7606 treat-as-withdraw (ORIGIN 5): decoded, exit 0, but the user is told it was malformed. */
    @Test
    void aTreatAsWithdrawUpdateIsDecodedWithANoteOnStderr() {
        String update = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" + "0029" + "02" + "0000" + "000E"
                + "40010105" + "400200" + "4003040A000001" + "180A0000";
        var r = run("", "decode", update);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("no NOTIFICATION (RFC 7606 treat-as-withdraw)"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
