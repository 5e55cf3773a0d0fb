package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.AttributeError;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;

import dev.twinbgp.bgp.wire.capability.Negotiated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors, written from the RFC text, for each NOTIFICATION code/subcode the decoder produces.
 * Each states the expected code/subcode/data and the RFC 7606 outcome (session reset = the decoder
 * fails; treat-as-withdraw / attribute discard = the UPDATE is returned with that outcome).
 */
class ErrorVectorsTest {
    private static final Negotiated ASN4 = Samples.ASN4;
    // Valid attributes: ORIGIN IGP, AS_PATH sequence [65000] (4-octet), NEXT_HOP 192.0.2.1.
    private static final String ORIGIN = "40 01 01 00";
    private static final String AS_PATH = "40 02 06 02 01 0000FDE8";
    private static final String NEXT_HOP = "40 03 04 C0000201";
    private static final String BASE = ORIGIN + AS_PATH + NEXT_HOP;
    private static final String NLRI = "18 0A0000"; // 10.0.0.0/24

    /** An UPDATE message with correct length fields around the given parts. */
    private static byte[] update(String withdrawn, String attributes, String nlri) {
        byte[] w = Hex.bytes(withdrawn);
        byte[] a = Hex.bytes(attributes);
        return Hex.message(2, String.format("%04X", w.length) + withdrawn + String.format("%04X", a.length) + attributes + nlri);
    }

    private static void sessionReset(byte[] message, int code, int subcode, String data) {
        Decoded d = MessageDecoder.decode(message, ASN4);
        Decoded.Failed f = assertInstanceOf(Decoded.Failed.class, d, () -> "expected " + code + "/" + subcode + ", got " + d);
        assertEquals(code + "/" + subcode + " " + Hex.of(Hex.bytes(data)),
                f.error().code() + "/" + f.error().subcode() + " " + Hex.of(f.error().data()), f.error().toString());
    }

    private static Update withOutcome(byte[] message, ErrorAction action, int code, int subcode, String data) {
        Update u = (Update) MessageDecoder.decode(message, ASN4).message();
        assertEquals(1, u.attributeErrors().size(), u.attributeErrors().toString());
        AttributeError e = u.attributeErrors().get(0);
        assertEquals(action + " " + code + "/" + subcode + " " + Hex.of(Hex.bytes(data)),
                e.action() + " " + e.error().code() + "/" + e.error().subcode() + " " + Hex.of(e.error().data()), e.toString());
        assertEquals(action == ErrorAction.TREAT_AS_WITHDRAW, u.treatAsWithdraw());
        return u;
    }

    // ------------------------------------------------------------------ 1/x header (RFC 4271 section 6.1)

    @Test
    void header1Slash1To1Slash3() {
        sessionReset(Hex.bytes("FFFFFFFFFFFFFFFFFFFFFFFFFFFF00FF 0013 04"), 1, 1, "");
        sessionReset(Hex.bytes("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0012 04"), 1, 2, "0012");
        sessionReset(Hex.bytes("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0013 07"), 1, 3, "07");
    }

    // ------------------------------------------------------------------ 2/x OPEN (RFC 4271 section 6.2, RFC 5492)

    private static final String OPEN_TAIL = "FDE8 00B4 0A000001";

    @Test
    void open2Slash1UnsupportedVersionCarriesOurVersion() {
        sessionReset(Hex.message(1, "03" + OPEN_TAIL + "00"), 2, 1, "0004");
    }

    @Test
    void open2Slash2BadPeerAsFromTheHelper() {
        Open o = (Open) MessageDecoder.decode(Hex.message(1, "04" + OPEN_TAIL + "00"), ASN4).message();
        WireError e = OpenChecks.validate(o, 65001, 65002, 0x0A000002L, 3).orElseThrow();
        assertEquals("2/2 ", e.code() + "/" + e.subcode() + " " + Hex.of(e.data()));
        assertTrue(OpenChecks.validate(o, 65000, 65002, 0x0A000002L, 3).isEmpty());
    }

    @Test
    void open2Slash3BadIdentifier() {
        sessionReset(Hex.message(1, "04 FDE8 00B4 00000000 00"), 2, 3, "");
        // RFC 6286 section 2.2: our own identifier from an internal peer (helper).
        Open o = (Open) MessageDecoder.decode(Hex.message(1, "04" + OPEN_TAIL + "00"), ASN4).message();
        assertEquals(3, OpenChecks.validate(o, 65000, 65000, 0x0A000001L, 3).orElseThrow().subcode());
    }

    @Test
    void open2Slash4UnsupportedOptionalParameter() {
        // Parameter type 1 (deprecated authentication), length 1.
        sessionReset(Hex.message(1, "04" + OPEN_TAIL + "03 01 01 00"), 2, 4, "");
    }

    @Test
    void open2Slash6UnacceptableHoldTime() {
        sessionReset(Hex.message(1, "04 FDE8 0002 0A000001 00"), 2, 6, "");
        sessionReset(Hex.message(1, "04 FDE8 0001 0A000001 00"), 2, 6, "");
    }

    @Test
    void open2Slash7UnsupportedCapabilityFromTheHelper() {
        // RFC 5492 section 5: the data lists the capabilities, encoded as in an OPEN.
        Open o = (Open) MessageDecoder.decode(Hex.message(1, "04" + OPEN_TAIL + "00"), ASN4).message();
        WireError e = OpenChecks.requireCapabilities(o, List.of(new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.FourOctetAs(65000))).orElseThrow();
        assertEquals("2/7 0104000200014104" + "0000FDE8", e.code() + "/" + e.subcode() + " " + Hex.of(e.data()));
    }

    @Test
    void open2Slash0MalformedParameters() {
        // Optional Parameters Length larger than what follows; a capability overrunning its parameter.
        sessionReset(Hex.message(1, "04" + OPEN_TAIL + "05 02 02 0200"), 2, 0, "");
        sessionReset(Hex.message(1, "04" + OPEN_TAIL + "04 02 02 4104"), 2, 0, "");
    }

    @Test
    void malformedKnownCapabilityIsKeptOpaque() {
        // 4-octet AS capability with 3 octets: kept as Unknown (RFC 5492 section 4: not understood -> ignored).
        Open o = (Open) MessageDecoder.decode(Hex.message(1, "04" + OPEN_TAIL + "07 02 05 41 03 00FDE8"), ASN4).message();
        assertEquals(List.of(new Capability.Unknown(65, Hex.bytes("00FDE8"))), o.capabilities());
        assertEquals(Hex.of(Hex.message(1, "04" + OPEN_TAIL + "07 02 05 41 03 00FDE8")), Hex.of(MessageEncoder.encode(o, ASN4)));
    }

    @Test
    void openExtendedOptionalParametersRfc9072() {
        // Non-Ext OP Len 255, Non-Ext OP Type 255, Extended Opt. Parm. Length 11 (what follows it),
        // then parameter type 2 with a 2-octet length 8: MP ipv4 unicast, Route Refresh.
        byte[] m = Hex.message(1, "04" + OPEN_TAIL + "FF FF 000B 02 0008 01 04 00010001 02 00");
        Open o = (Open) MessageDecoder.decode(m, ASN4).message();
        assertTrue(o.extendedParameters());
        assertEquals(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.RouteRefresh()), o.capabilities());
        assertEquals(Hex.of(m), Hex.of(MessageEncoder.encode(o, ASN4)));
    }

    // ------------------------------------------------------------------ 3/x UPDATE (RFC 4271 section 6.3, RFC 7606)

    @Test
    void valid() {
        Update u = (Update) MessageDecoder.decode(update("", BASE, NLRI), ASN4).message();
        assertTrue(u.attributeErrors().isEmpty());
        assertEquals("[10.0.0.0/24]", u.nlri().toString());
    }

    @Test
    void update3Slash1LengthsOverrunningTheMessageResetTheSession() {
        // RFC 7606 section 3 (b) / RFC 4271 section 6.3: Withdrawn Routes Length too large -> 3/1, reset.
        sessionReset(Hex.message(2, "0010 0000"), 3, 1, "");
        // Total Path Attribute Length too large -> 3/1, reset.
        sessionReset(Hex.message(2, "0000 0020" + ORIGIN), 3, 1, "");
    }

    @Test
    void update3Slash1AttributeOverrunningTheListIsTreatAsWithdraw() {
        // RFC 7606 section 4: the last attribute claims 9 octets, 4 remain -> treat-as-withdraw, NLRI still found.
        Update u = withOutcome(update("", BASE + "C0 08 09 00010002", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 1, "");
        assertEquals(1, u.nlri().size());
    }

    @Test
    void update3Slash1RepeatedAttributes() {
        // RFC 7606 section 3 (g): repeated MED -> all but the first discarded; repeated MP_REACH -> reset.
        Update u = withOutcome(update("", BASE + "80 04 04 00000001 80 04 04 00000002", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 3, 1, "");
        assertEquals(1, u.attributes().med().orElseThrow().value());
        String mp = "80 0F 03 000201";
        sessionReset(update("", BASE + mp + mp, ""), 3, 1, "");
    }

    @Test
    void update3Slash2UnrecognizedWellKnown() {
        // Optional bit clear, unknown type 0x63: 3/2 with the attribute; RFC 7606 does not relax it: reset.
        sessionReset(update("", BASE + "40 63 01 00", NLRI), 3, 2, "40630100");
    }

    @Test
    void update3Slash3MissingWellKnown() {
        // RFC 7606 section 3 (d): missing ORIGIN with NLRI -> treat-as-withdraw; data = the type code.
        withOutcome(update("", AS_PATH + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 3, "01");
        withOutcome(update("", ORIGIN + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 3, "02");
        withOutcome(update("", ORIGIN + AS_PATH, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 3, "03");
        // Withdrawals alone need no attributes.
        assertTrue(((Update) MessageDecoder.decode(update("180A0000", "", ""), ASN4).message()).attributeErrors().isEmpty());
    }

    @Test
    void update3Slash4AttributeFlags() {
        // ORIGIN sent as optional transitive: RFC 7606 section 3 (c) -> treat-as-withdraw; data = the attribute.
        withOutcome(update("", "C0 01 01 00" + AS_PATH + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 4, "C0010100");
        // MP_UNREACH_NLRI marked transitive: reset (RFC 7606 section 7.11).
        sessionReset(update("", "C0 0F 03 000201", ""), 3, 4, "C00F03000201");
    }

    @Test
    void update3Slash5AttributeLength() {
        // MED of 3 octets: RFC 7606 section 7.4 -> treat-as-withdraw.
        withOutcome(update("", BASE + "80 04 03 000000", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 5, "800403000000");
        // LOCAL_PREF of 5 octets: RFC 7606 section 7.5 -> treat-as-withdraw.
        withOutcome(update("", BASE + "40 05 05 0000006400", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 5, "4005050000006400");
        // ATOMIC_AGGREGATE with a value: RFC 7606 section 7.6 -> attribute discard.
        Update a = withOutcome(update("", BASE + "40 06 01 00", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 3, 5, "40060100");
        assertTrue(!a.attributes().contains(Attribute.ATOMIC_AGGREGATE));
        // AGGREGATOR of 6 octets on a 4-octet AS session: RFC 7606 section 7.7 -> attribute discard.
        withOutcome(update("", BASE + "C0 07 06 FDE8 C0000201", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 3, 5, "C00706FDE8C0000201");
        // ORIGINATOR_ID of 3 octets: RFC 7606 section 7.9 -> treat-as-withdraw.
        withOutcome(update("", BASE + "80 09 03 0A0000", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 5, "8009030A0000");
    }

    @Test
    void update3Slash6InvalidOrigin() {
        // RFC 7606 section 7.1: undefined ORIGIN value -> treat-as-withdraw; data = the attribute.
        withOutcome(update("", "40 01 01 03" + AS_PATH + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 6, "40010103");
    }

    @Test
    void update3Slash8InvalidNextHop() {
        // RFC 4271 section 6.3: NEXT_HOP 0.0.0.0 is not a host address; RFC 7606 section 7.3 -> treat-as-withdraw.
        withOutcome(update("", ORIGIN + AS_PATH + "40 03 04 00000000", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 8, "40030400000000");
        withOutcome(update("", ORIGIN + AS_PATH + "40 03 04 E0000001", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 8, "400304E0000001");
    }

    @Test
    void update3Slash9OptionalAttributeError() {
        // COMMUNITIES not a multiple of 4: RFC 7606 section 7.8 -> treat-as-withdraw.
        withOutcome(update("", BASE + "C0 08 03 010203", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 9, "C00803010203");
        // EXTENDED COMMUNITIES of 7 octets: RFC 7606 section 7.14 -> treat-as-withdraw.
        withOutcome(update("", BASE + "C0 10 07 00000000000000", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 9, "C0100700000000000000");
        // LARGE_COMMUNITY of 8 octets: RFC 8092 section 6 -> treat-as-withdraw.
        withOutcome(update("", BASE + "C0 20 08 0000000100000002", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 9, "C020080000000100000002");
        // CLUSTER_LIST empty: RFC 7606 section 7.10 -> treat-as-withdraw.
        withOutcome(update("", BASE + "80 0A 00", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 9, "800A00");
        // MP_REACH_NLRI with a 5-octet IPv6 next hop: RFC 7606 section 7.11 -> session reset; data = the attribute.
        sessionReset(update("", ORIGIN + AS_PATH + "80 0E 0B 0002 01 05 2001DB8000 00 00", ""), 3, 9, "800E0B00020105 2001DB8000 0000");
        // AS4_PATH on a 4-octet AS session: RFC 6793 section 4.1 -> discarded.
        withOutcome(update("", BASE + "C0 11 06 02 01 0000FDE8", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 3, 9, "C011060201 0000FDE8");
    }

    @Test
    void update3Slash10InvalidNetworkField() {
        // RFC 4271 section 6.3 -> 3/10; RFC 7606 section 5.3 -> session reset. No data.
        sessionReset(update("", BASE, "21 0A000000 00"), 3, 10, ""); // /33
        sessionReset(update("", BASE, "18 0A00"), 3, 10, ""); // /24 with 2 octets
        sessionReset(update("19 0A0000", "", ""), 3, 10, ""); // withdrawn /25 with 3 octets
        // MP_REACH_NLRI IPv6 prefix /129.
        sessionReset(update("", ORIGIN + AS_PATH + "80 0E 16 0002 01 10 20010DB8000000000000000000000001 00 81", ""), 3, 10, "");
        // MP_UNREACH_NLRI IPv6 /64 with 4 octets.
        sessionReset(update("", "80 0F 08 000201 40 20010DB8", ""), 3, 10, "");
    }

    @Test
    void update3Slash11MalformedAsPath() {
        // RFC 7606 section 7.2: segment claims 2 ASes, holds 1 -> treat-as-withdraw; 3/11 has no data.
        withOutcome(update("", ORIGIN + "40 02 06 02 02 0000FDE8" + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 11, "");
        // Segment type 5 is undefined.
        withOutcome(update("", ORIGIN + "40 02 06 05 01 0000FDE8" + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3, 11, "");
    }

    // ------------------------------------------------------------------ 7/1 ROUTE-REFRESH (RFC 7313 section 5)

    @Test
    void routeRefresh7Slash1CarriesTheWholeMessage() {
        byte[] m = Hex.message(5, "0001 00 01 00");
        sessionReset(m, 7, 1, Hex.of(m));
        byte[] shortOne = Hex.message(5, "0001 00");
        sessionReset(shortOne, 7, 1, Hex.of(shortOne));
    }

    // ------------------------------------------------------------------ NOTIFICATION and RFC 9003

    @Test
    void shutdownCommunication() {
        Notification n = Notification.shutdown(ErrorCodes.CEASE_ADMIN_SHUTDOWN, "going down");
        assertEquals("06020A676F696E6720646F776E", Hex.of(java.util.Arrays.copyOfRange(MessageEncoder.encode(n, ASN4), 19, 32)));
        Notification back = (Notification) MessageDecoder.decode(MessageEncoder.encode(n, ASN4), ASN4).message();
        assertEquals("going down", back.shutdownCommunication().orElseThrow());
        // 255 octets at most, cut at a character boundary.
        Notification longOne = Notification.shutdown(ErrorCodes.CEASE_ADMIN_RESET, "\u00e9".repeat(200));
        assertEquals(255, longOne.dataLength());
        assertEquals(127, longOne.shutdownCommunication().orElseThrow().length());
        // A length octet that disagrees with the data: no communication, no failure.
        assertTrue(new Notification(6, 2, Hex.bytes("05 4142")).shutdownCommunication().isEmpty());
        // NOTIFICATION shorter than code and subcode -> 1/2.
        sessionReset(Hex.bytes("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0014 03 06"), 1, 2, "0014");
    }
}
