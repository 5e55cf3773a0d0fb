package dev.twinbgp.speaker.conformance;

import java.util.Map;

/**
 * What the conformance tests share about ExaBGP's vectors ({@code exabgp-full}, see its README.md): the vector bytes
 * an RFC overrides, the stand-ins for API programs the folder does not hold, and the one vector whose expected
 * messages end inside a burst. Every vector runs: there is no wait-list (the last entry, api-flow.ci, was taken off
 * when twinbgp followed ExaBGP's two outgoing-RIB rules it shows; docs/api.md, Conformance).
 */
public final class Vectors {
    private Vectors() {
    }

    /**
     * API vectors whose expected messages end inside one burst of the speaker's: ExaBGP's own test peer stops at its
     * last expected message (the README: "the test passes when every expected message has been seen"), so the rest
     * of that burst is not part of the vector. {@link ProgramPeer} then accepts what follows the last expected
     * message instead of failing it as extra; before that, every message is checked as for any vector.
     */
    public static final Map<String, String> COMPLETE_MID_BURST = Map.of(
            "api-flow.ci", "its seven messages end with the third run's W1 of its respawned program (ExaBGP 4.2.21"
                    + " measured: run 1 the UPDATE with no NLRI, A1, A2; runs 2 and 3 W1 then A1 in one burst, 1 ms apart);"
                    + " the third run's A1 follows at once, from ExaBGP as from twinbgp (docs/api.md, Conformance)");

    /**
     * Vectors whose configuration names an API program the vectors' folder does not hold (their README: "a few name
     * API programs that are not here") -> the stand-in of ours, in the test resources under {@code conformance/},
     * that does what the vector's {@code cmd} lines describe. The vector runs with it in place of the missing one.
     */
    public static final Map<String, String> STAND_INS = Map.of(
            "conf-watchdog.ci", "run/watchdog.run"); // conf/api-watchdog.conf: process service-watchdog

    /**
     * RFC 8956 section 3.1 vs conf-flow.ci: an IPv6 prefix component's pattern holds the bits from the offset to
     * the length, ceil((length - offset) / 8) octets; ExaBGP writes the whole ceil(length / 8) octets of the
     * address. For {@code source ::1/128/120} the RFC's pattern is the one octet 0x01. The RFC wins: the vector's
     * message is replaced by the RFC's encoding of the same rule (lengths adjusted: 15 octets fewer).
     *
     * <p>RFC 4760 section 4 vs api-vpls.ci and api-ipv4.ci: an UPDATE with MP_UNREACH_NLRI needs no other attribute; ExaBGP's VPLS
     * withdrawal carries ORIGIN, an empty AS_PATH and LOCAL_PREF as well, its MUP one those and its extended
     * communities and Prefix-SID, its FlowSpec one (api-flow.ci) those three.
     * twinbgp sends the withdrawal as MP_UNREACH_NLRI alone, as it does for every family (issue 12's decision): the
     * vector's messages are replaced by those.
     */
    /*
     * RFC 9830 section 2.4.2 vs conf-sr-policy.ci (the last pair): the Binding SID sub-TLV's flags have only S (0x80)
     * and I (0x40) assigned, "unassigned bits MUST be zero", and of its MPLS label stack entry only the label counts:
     * TC, S and TTL "MUST be set to zero". ExaBGP's vector sends flags 0x10 and the S bit (0x05DC0100 for label
     * 24000); twinbgp (and ExaBGP since) sends 0x00 and 0x05DC0000. The message is otherwise the vector's.
     *
     * RFC 4271 section 6.1 vs unknown-message.ci: for a message of unknown type the Error Subcode is Bad Message
     * Type and "the Data field MUST contain the erroneous Type field"; ExaBGP puts a text there ("can not decode
     * update message of type "255""). The RFC wins: 1/3 with the one octet 255.
     */
    private static final Map<String, String> RFC = Map.of(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006902000000524001010040020040050400000064C01728000F00240C060000000000640D06100005DC01008000110009060000000000010106000003E81100800E1600014904C0000201006000000000000000640A000001",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006902000000524001010040020040050400000064C01728000F00240C060000000000640D06000005DC00008000110009060000000000010106000003E81100800E1600014904C0000201006000000000000000640A000001",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF0040030100" + "63616E206E6F74206465636F646520757064617465206D657373616765206F662074797065202232353522",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00160301" + "03FF",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF003E0200000027800F1600194100110001C0A8C901007B000500010008029CE14001010040020040050400000064",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00300200000019800F1600194100110001C0A8C901007B000500010008029CE1",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006E0200000057800F130001550100010C0000006400000064180A00014001010040020040050400000064C010080002000A0000000AC028250500220001001E0020010DB800010001000000000000000000004800010006401810000000",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF002D0200000016800F130001550100010C0000006400000064180A0001",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006902000000524001010040020040050400000064C010088006000000000000800E360002850000300180002A020B80001500007ACA39FFFEAEA87A028078000000000000000000000000000000010381110B81650D9107DD",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF005A02000000434001010040020040050400000064C010088006000000000000800E270002850000210180002A020B80001500007ACA39FFFEAEA87A028078010381110B81650D9107DD",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF003F0200000028800F170001851301200000000002200000000003810605910C384001010040020040050400000064",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF0031020000001A800F170001851301200000000002200000000003810605910C38");

    /** The message an RFC says instead of the vector's (upper-case hex, no separators), else {@code hex} itself. */
    public static String rfc(String hex) {
        return RFC.getOrDefault(hex, hex);
    }
}
