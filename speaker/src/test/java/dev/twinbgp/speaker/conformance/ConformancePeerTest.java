package dev.twinbgp.speaker.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test peer itself, driven by a scripted plain-socket "speaker": it must catch what it is there to catch. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConformancePeerTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    // conf-hostname's expected OPEN: AS 65533, hold 180, id 10.0.0.2, MP ipv4, AS4 65533, extended message, FQDN
    private static final String OPEN = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF005501" + "04FFFD00B40A000002380206010400010001020641040000FFFD"
            + "02020600022249200C6D792D686F73742D6E616D65126D792D646F6D61696E2D6E616D652E636F6D";
    private static final String KEEPALIVE = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304";
    private static final String EOR_IPV4 = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00170200000000";
    private static final String EOR_IPV6 = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001E0200000007900F0003000201";
    private static final String ROUTE = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF002E02000000154001010040020040030401010101400504000000640801";
    private static final String OTHER = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF002E02000000154001010040020040030401010101400504000000640802";

    private static EncodingVector vector(OptionalLong asn, boolean unknown, List<String> group1, List<String> group2) {
        TreeMap<Integer, List<String>> groups = new TreeMap<>();
        groups.put(1, group1);
        if (!group2.isEmpty()) {
            groups.put(2, group2);
        }
        return new EncodingVector("scripted", Path.of("none.conf"), asn, unknown, false, groups);
    }

    /** Connects, sends our OPEN, reads the peer's OPEN and KEEPALIVE, then sends {@code messages} and closes. */
    private static byte[] speak(ConformancePeer peer, String... messages) throws IOException {
        try (Socket s = new Socket("127.0.0.1", peer.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(HEX.parseHex(OPEN));
            byte[] open = read(in);
            assertEquals(KEEPALIVE, HEX.formatHex(read(in)));
            for (String m : messages) {
                out.write(HEX.parseHex(m));
            }
            out.flush();
            s.shutdownOutput();
            while (in.read() >= 0) {
                // drain the peer's KEEPALIVEs until it closes
            }
            return open;
        }
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
        byte[] whole = java.util.Arrays.copyOf(header, length);
        in.readFully(whole, 19, length - 19);
        return whole;
    }

    @Test
    void acceptsTheExpectedMessagesInAnyOrderInsideAGroupAndAnEndOfRibAfter() throws Exception {
        try (ConformancePeer peer = new ConformancePeer(
                vector(OptionalLong.empty(), false, List.of(ROUTE, EOR_IPV4), List.of(OTHER)), UnaryOperator.identity())) {
            speak(peer, KEEPALIVE, EOR_IPV4, ROUTE, OTHER, EOR_IPV6);
            assertTrue(peer.awaitAllSeen(30));
            assertTrue(peer.awaitClosed(30));
            assertNull(peer.failure());
        }
    }

    @Test
    void refusesAMessageOfALaterGroup() throws Exception {
        try (ConformancePeer peer = new ConformancePeer(
                vector(OptionalLong.empty(), false, List.of(ROUTE), List.of(OTHER)), UnaryOperator.identity())) {
            speak(peer, OTHER, ROUTE);
            assertFalse(peer.awaitAllSeen(30));
            assertNotNull(peer.failure());
        }
    }

    @Test
    void refusesAnExtraMessageThatIsNotAnEndOfRib() throws Exception {
        try (ConformancePeer peer = new ConformancePeer(
                vector(OptionalLong.empty(), false, List.of(ROUTE), List.of()), UnaryOperator.identity())) {
            speak(peer, ROUTE, OTHER);
            assertTrue(peer.awaitClosed(30));
            assertTrue(peer.failure().startsWith("unexpected extra message"), peer.failure());
        }
    }

    @Test
    void answersWithTheMirroredOpen() throws Exception {
        try (ConformancePeer peer = new ConformancePeer(
                vector(OptionalLong.of(65000), true, List.of(ROUTE), List.of()), UnaryOperator.identity())) {
            String open = HEX.formatHex(speak(peer, ROUTE));
            // identifier + 1, AS 65000 (0xFDE8) in My AS and in the 4-octet AS capability, capability 66 appended
            assertEquals("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006301" + "04FDE800B40A000003460206010400010001020641040000FDE8"
                    + "02020600022249200C6D792D686F73742D6E616D65126D792D646F6D61696E2D6E616D652E636F6D"
                    + "020C420A6C6F72656D697073756D", open);
        }
    }

    @Test
    void softwareVersionReplacementRecomputesEveryLength() {
        String exa = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00490104FFFD00B40A0000022C0206010400010001020641040000FFFD"
                + "0202060002164B14134578614247502F352E302E302D302B74657374";
        byte[] ours = OpenBytes.parse(HEX.parseHex(exa)).withSoftwareVersion("twinbgp/dev").toMessage();
        assertEquals("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00410104FFFD00B40A000002240206010400010001020641040000FFFD"
                + "02020600020E4B0C0B7477696E6267702F646576", HEX.formatHex(ours));
        assertEquals(exa, HEX.formatHex(OpenBytes.parse(ours).withSoftwareVersion("ExaBGP/5.0.0-0+test").toMessage()));
    }
}
