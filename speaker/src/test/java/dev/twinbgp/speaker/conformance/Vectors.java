package dev.twinbgp.speaker.conformance;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * What the conformance tests share about ExaBGP's vectors ({@code exabgp-full}, see its README.md): the vectors
 * twinbgp cannot pass yet, each with the family or feature it waits for, and the vector bytes an RFC overrides.
 *
 * <p>The wait-list only shrinks: every family issue removes the entries it makes pass, and it is empty when the
 * last one closes. A waiting vector is reported as skipped with what it waits for.
 */
public final class Vectors {
    private Vectors() {
    }

    private static final String L3VPN = "L3VPN / labeled unicast families (mpls-vpn, nlri-mpls; issue 13)";
    private static final String BGP_LS = "BGP-LS (issue 14)";
    private static final String SR_POLICY = "SR policy (issue 14)";
    private static final String AUTO_FLUSH = "the neighbor setting auto-flush (issue 15); the rest of the file, MCAST-VPN"
            + " routes included, is read (TypedFamilyConfigTest)";

    /** Vector file (encoding/*.ci, api/*.ci, decoding/*, conf/*.conf) -> what it waits for. */
    public static final Map<String, String> WAITING = new TreeMap<>(Map.ofEntries(
            Map.entry("conf-l2vpn.ci", "a configuration that gives one VPLS NLRI twice (rd 192.168.201.1:123 in the l2vpn"
                    + " section with local-preference 100, and in the announce block with local-preference 1): ExaBGP"
                    + " sends both UPDATEs, twinbgp's Adj-RIB-Out holds one route per NLRI and sends the last one;"
                    + " its JSON lines are checked all the same (JSON_CHECKED)"),
            Map.entry("conf-mvpn.ci", AUTO_FLUSH),
            Map.entry("conf-sr-policy.ci", SR_POLICY),
            Map.entry("conf-watchdog.ci", "its API program (run/watchdog.run), which is not in the vectors' folder:"
                    + " WatchdogVectorTest runs the vector with a program of ours"),
            Map.entry("api-flow.ci", "ExaBGP's RIB quirks with FlowSpec, which no RFC asks for (issue 12 decided not to copy"
                    + " them): its FlowSpec withdrawals carry the route's attributes, a withdrawal of a rule never announced is"
                    + " still sent, and a repeated identical announcement produces an UPDATE with attributes and no NLRI;"
                    + " twinbgp sends the three rules and the real withdrawal (MP_UNREACH_NLRI alone, RFC 4760 section 4)"),
            Map.entry("api-multisession.ci", "the multi-session capability (issue 14)"),
            Map.entry("api-fast.ci", "coalescing of the commands of one burst before UPDATEs are made, and ExaBGP's timing:"
                    + " the vector expects its first burst to land before the session's initial table (an announce"
                    + " withdrawn in that burst never goes out); twinbgp is established within the 0.2 s the program"
                    + " waits and sends each command's UPDATE at once, issue 15"),
            Map.entry("api-rib.ci", "coalescing of one burst: 'announce X' and 'clear adj-rib out' written back to back"
                    + " must send nothing for X; twinbgp applies and sends the announce before it reads the clear,"
                    + " issue 15"),
            Map.entry("unknown-message.ci", "ExaBGP's NOTIFICATION text for a message of unknown type"),
            Map.entry("bgp-ls-1", BGP_LS),
            Map.entry("bgp-ls-2", BGP_LS),
            Map.entry("bgp-ls-3", BGP_LS),
            Map.entry("bgp-ls-4", BGP_LS),
            Map.entry("bgp-ls-5", BGP_LS),
            Map.entry("bgp-ls-6", BGP_LS),
            Map.entry("bgp-ls-7", BGP_LS),
            Map.entry("bgp-ls-8", BGP_LS),
            Map.entry("bgp-ls-9", BGP_LS),
            Map.entry("bgp-ls-10", BGP_LS),
            Map.entry("bgp-sr-policy-1", SR_POLICY),
            Map.entry("bgp-sr-policy-2", SR_POLICY),
            Map.entry("api-blocklist.conf", "capability operational (ExaBGP's operational messages)"),
            Map.entry("api-flow-merge.conf", "the FlowSpec interface-set action (scope { interface-set ... })"),
            Map.entry("api-multisession.conf", "the multi-session capability"),
            Map.entry("api-mvpn.conf", AUTO_FLUSH),
            Map.entry("api-open.conf", "the operational and multi-session capabilities (its aigp is read)"),
            Map.entry("conf-bgpls.conf", BGP_LS),
            Map.entry("conf-cap-paths-limit.conf", "a neighbor-level add-path block (paths limit)"),
            Map.entry("conf-flow-redirect.conf", "IPv6 address-specific extended communities (RFC 5701) for an IPv6 "
                    + "redirect-to-nexthop-ietf"),
            Map.entry("conf-mvpn.conf", AUTO_FLUSH),
            Map.entry("conf-sr-policy-all-types.conf", SR_POLICY),
            Map.entry("conf-sr-policy-simple.conf", SR_POLICY),
            Map.entry("conf-sr-policy-static.conf", SR_POLICY),
            Map.entry("conf-sr-policy.conf", SR_POLICY),
            Map.entry("parse-md5.conf", "md5-password (TCP MD5, RFC 2385)"),
            Map.entry("parse-multisession.conf", "the multi-session capability"),
            Map.entry("parse-tcp-ao.conf", "TCP-AO (RFC 5925)"),
            Map.entry("parse-ttl.conf", "outgoing-ttl (GTSM)")));

    /** Vectors on the wait-list for what the speaker sends whose JSON lines pass and are checked all the same. */
    public static final java.util.Set<String> JSON_CHECKED = java.util.Set.of("conf-l2vpn.ci", "conf-mvpn.ci");

    /** Skips (as a JUnit assumption, with the reason) a vector on the wait-list. */
    public static void assumeNotWaiting(String vector) {
        String waits = WAITING.get(vector);
        Assumptions.assumeTrue(waits == null, () -> vector + " waits for " + waits);
    }

    /**
     * RFC 8956 section 3.1 vs conf-flow.ci: an IPv6 prefix component's pattern holds the bits from the offset to
     * the length, ceil((length - offset) / 8) octets; ExaBGP writes the whole ceil(length / 8) octets of the
     * address. For {@code source ::1/128/120} the RFC's pattern is the one octet 0x01. The RFC wins: the vector's
     * message is replaced by the RFC's encoding of the same rule (lengths adjusted: 15 octets fewer).
     *
     * <p>RFC 4760 section 4 vs api-vpls.ci and api-ipv4.ci: an UPDATE with MP_UNREACH_NLRI needs no other attribute; ExaBGP's VPLS
     * withdrawal carries ORIGIN, an empty AS_PATH and LOCAL_PREF as well, its MUP one those and its extended
     * communities and Prefix-SID (its FlowSpec ones too, see api-flow.ci).
     * twinbgp sends the withdrawal as MP_UNREACH_NLRI alone, as it does for every family (issue 12's decision): the
     * vector's messages are replaced by those.
     */
    private static final Map<String, String> RFC = Map.of(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF003E0200000027800F1600194100110001C0A8C901007B000500010008029CE14001010040020040050400000064",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00300200000019800F1600194100110001C0A8C901007B000500010008029CE1",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006E0200000057800F130001550100010C0000006400000064180A00014001010040020040050400000064C010080002000A0000000AC028250500220001001E0020010DB800010001000000000000000000004800010006401810000000",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF002D0200000016800F130001550100010C0000006400000064180A0001",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006902000000524001010040020040050400000064C010088006000000000000800E360002850000300180002A020B80001500007ACA39FFFEAEA87A028078000000000000000000000000000000010381110B81650D9107DD",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF005A02000000434001010040020040050400000064C010088006000000000000800E270002850000210180002A020B80001500007ACA39FFFEAEA87A028078010381110B81650D9107DD");

    /** The message an RFC says instead of the vector's (upper-case hex, no separators), else {@code hex} itself. */
    public static String rfc(String hex) {
        return RFC.getOrDefault(hex, hex);
    }
}
