package dev.twinbgp.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Family;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** OPERATIONAL (type 6, ExaBGP's draft-ietf-idr-operational-message): bytes, round trips, random input. */
class OperationalCodecTest {
    private static final Negotiated NEG = Negotiated.DEFAULT;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void admIsEncodedAsExaBgpDoes() {
        Operational adm = Operational.advisory(Operational.ADM, Family.IPV4_UNICAST, "hi");
        // header (length 19 + 4 + 3 + 2 = 28, type 6), what 0001, length 0005, AFI 0001, SAFI 01, "hi"
        byte[] expected = hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 001C 06 0001 0005 0001 01 6869");
        assertArrayEquals(expected, MessageEncoder.encode(adm, NEG));
        assertEquals(new Decoded.Ok(adm), MessageDecoder.decode(expected, NEG, true));
        assertEquals("hi", adm.advisory());
        assertEquals("ADM", adm.name());
    }

    @Test
    void queryAndCounterCarryRouterIdSequenceCounter() {
        Operational q = Operational.query(Operational.RPCQ, Family.IPV6_UNICAST, 0x0A000001L, 7);
        assertArrayEquals(hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0022 06 0003 000B 0002 01 0A000001 00000007"),
                MessageEncoder.encode(q, NEG));
        Operational c = Operational.counter(Operational.LPCP, Family.IPV4_UNICAST, 0xC0000201L, 0xFFFFFFFFL, 42);
        Operational back = (Operational) ((Decoded.Ok) MessageDecoder.decode(MessageEncoder.encode(c, NEG), NEG, true)).message();
        assertEquals(c, back);
        assertEquals("counter", back.category());
        assertEquals(0xC0000201L, back.routerId());
        assertEquals(0xFFFFFFFFL, back.sequence());
        assertEquals(42, back.counter());
    }

    @Test
    void everyTypeAndUnknownOnesRoundTrip() {
        List<Operational> all = new ArrayList<>();
        all.add(Operational.advisory(Operational.ASM, Family.IPV4_UNICAST, "caf\u00e9 \u2603"));
        for (int what : new int[] {Operational.RPCQ, Operational.APCQ, Operational.LPCQ}) {
            all.add(Operational.query(what, Family.IPV4_UNICAST, 1, 2));
        }
        for (int what : new int[] {Operational.RPCP, Operational.APCP, Operational.LPCP}) {
            all.add(Operational.counter(what, Family.IPV6_UNICAST, 1, 2, 3));
        }
        all.add(new Operational(0xFFFF, 1, 1, new byte[] {0, 1, 0, 2})); // NS: kept as octets
        for (Operational o : all) {
            assertEquals(new Decoded.Ok(o), MessageDecoder.decode(MessageEncoder.encode(o, NEG), NEG, true), o::toString);
        }
    }

    @Test
    void advisoryIsTruncatedAsExaBgpDoes() {
        Operational o = Operational.advisory(Operational.ADM, Family.IPV4_UNICAST, "x".repeat(5000));
        assertEquals(Operational.MAX_ADVISORY, o.data().length);
        assertEquals("...", o.advisory().substring(Operational.MAX_ADVISORY - 3));
    }

    @Test
    void withoutTheCapabilityTypeSixIsUnknown() {
        byte[] adm = MessageEncoder.encode(Operational.advisory(Operational.ADM, Family.IPV4_UNICAST, "hi"), NEG);
        WireError e = assertInstanceOf(Decoded.Failed.class, MessageDecoder.decode(adm, NEG)).error();
        assertEquals(List.of(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_TYPE), List.of(e.code(), e.subcode()));
        MessageFramer framer = new MessageFramer();
        assertEquals(e, framer.feed(java.nio.ByteBuffer.wrap(adm)).error().orElseThrow());
        MessageFramer on = new MessageFramer();
        on.setOperational(true);
        assertEquals(1, on.feed(java.nio.ByteBuffer.wrap(adm)).frames().size());
    }

    @Test
    void shortOrInconsistentBodiesAreBadLength() {
        // 6 octets: no SAFI
        Decoded d = MessageDecoder.decode(hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0019 06 0001 0002 0001"), NEG, true);
        assertEquals(ErrorCodes.HEADER_BAD_LENGTH, assertInstanceOf(Decoded.Failed.class, d).error().subcode());
        // inner length says 9, message holds 5
        d = MessageDecoder.decode(hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 001C 06 0001 0009 0001 01 6869"), NEG, true);
        assertEquals(ErrorCodes.MESSAGE_HEADER, assertInstanceOf(Decoded.Failed.class, d).error().code());
    }

    @Test
    void randomBodiesNeverThrowAndOkOnesRoundTrip() {
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[random.nextInt(24)];
            random.nextBytes(body);
            if (random.nextBoolean() && body.length >= 4) {
                Bytes.put16(body, 2, body.length - 4); // consistent inner length half of the time
            }
            Decoded d = MessageDecoder.decode(Frame.owning(MessageType.OPERATIONAL, body), NEG);
            if (d instanceof Decoded.Ok ok) {
                byte[] wire = MessageEncoder.encode(ok.message(), NEG);
                assertArrayEquals(body, java.util.Arrays.copyOfRange(wire, MessageFramer.HEADER_LENGTH, wire.length));
            }
        }
    }
}
