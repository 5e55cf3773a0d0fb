package dev.twinbgp.bgp.wire.family;

/** An address family: AFI and SAFI (RFC 4760). Open: unknown codes are kept. */
public record Family(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int AFI_L2VPN = 25;
    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_MULTICAST = 2;
    public static final int SAFI_MPLS_LABEL = 4; // RFC 8277, ExaBGP's nlri-mpls
    public static final int SAFI_MPLS_VPN = 128; // RFC 4364, RFC 4659
    public static final int SAFI_RTC = 132; // RFC 4684
    public static final int SAFI_FLOW = 133;
    public static final int SAFI_FLOW_VPN = 134;
    public static final int SAFI_MCAST_VPN = 5;
    public static final int SAFI_VPLS = 65;
    public static final int SAFI_EVPN = 70;
    public static final int SAFI_MUP = 85;
    /** RFC 9552 section 5.2: BGP-LS AFI 16388, SAFI 71 (BGP-LS) and 72 (BGP-LS-VPN). */
    public static final int AFI_BGP_LS = 16388;
    public static final int SAFI_BGP_LS = 71;
    public static final int SAFI_BGP_LS_VPN = 72;
    /** RFC 9830 section 2.1: SR Policy SAFI 73. */
    public static final int SAFI_SR_POLICY = 73;

    public static final Family IPV4_UNICAST = new Family(AFI_IPV4, SAFI_UNICAST);
    public static final Family IPV6_UNICAST = new Family(AFI_IPV6, SAFI_UNICAST);
    public static final Family IPV4_MULTICAST = new Family(AFI_IPV4, SAFI_MULTICAST);
    public static final Family IPV6_MULTICAST = new Family(AFI_IPV6, SAFI_MULTICAST);
    public static final Family IPV4_MPLS_LABEL = new Family(AFI_IPV4, SAFI_MPLS_LABEL);
    public static final Family IPV6_MPLS_LABEL = new Family(AFI_IPV6, SAFI_MPLS_LABEL);
    public static final Family IPV4_MPLS_VPN = new Family(AFI_IPV4, SAFI_MPLS_VPN);
    public static final Family IPV6_MPLS_VPN = new Family(AFI_IPV6, SAFI_MPLS_VPN);
    public static final Family IPV4_RTC = new Family(AFI_IPV4, SAFI_RTC);
    public static final Family IPV4_FLOW = new Family(AFI_IPV4, SAFI_FLOW);
    public static final Family IPV6_FLOW = new Family(AFI_IPV6, SAFI_FLOW);
    public static final Family IPV4_FLOW_VPN = new Family(AFI_IPV4, SAFI_FLOW_VPN);
    public static final Family IPV6_FLOW_VPN = new Family(AFI_IPV6, SAFI_FLOW_VPN);
    public static final Family L2VPN_EVPN = new Family(AFI_L2VPN, SAFI_EVPN);
    public static final Family L2VPN_VPLS = new Family(AFI_L2VPN, SAFI_VPLS);
    public static final Family IPV4_MCAST_VPN = new Family(AFI_IPV4, SAFI_MCAST_VPN);
    public static final Family IPV6_MCAST_VPN = new Family(AFI_IPV6, SAFI_MCAST_VPN);
    public static final Family IPV4_MUP = new Family(AFI_IPV4, SAFI_MUP);
    public static final Family IPV6_MUP = new Family(AFI_IPV6, SAFI_MUP);
    public static final Family BGP_LS = new Family(AFI_BGP_LS, SAFI_BGP_LS);
    public static final Family BGP_LS_VPN = new Family(AFI_BGP_LS, SAFI_BGP_LS_VPN);
    public static final Family IPV4_SR_POLICY = new Family(AFI_IPV4, SAFI_SR_POLICY);
    public static final Family IPV6_SR_POLICY = new Family(AFI_IPV6, SAFI_SR_POLICY);

    public Family {
        if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("AFI/SAFI out of range: " + afi + "/" + safi);
        }
    }

    // equals and hashCode written out (the values a record's generated ones give): a family is a map key on the
    // receive path (per-family prefix counts, per UPDATE), and the generated methods go through method handles
    // (ObjectMethods), which a cold JVM runs slowly until C2 compiles them (issue 18, docs/benchmarks.md "recv2").
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Family f && f.afi == afi && f.safi == safi;
    }

    @Override
    public int hashCode() {
        return 31 * afi + safi;
    }

    public static String afiName(int afi) {
        return switch (afi) {
            case AFI_IPV4 -> "ipv4";
            case AFI_IPV6 -> "ipv6";
            case AFI_L2VPN -> "l2vpn";
            case AFI_BGP_LS -> "bgp-ls";
            default -> "unknown-afi-" + afi;
        };
    }

    public static String safiName(int safi) {
        return switch (safi) {
            case SAFI_UNICAST -> "unicast";
            case SAFI_MULTICAST -> "multicast";
            case SAFI_MPLS_LABEL -> "nlri-mpls";
            case SAFI_MPLS_VPN -> "mpls-vpn";
            case SAFI_RTC -> "rtc";
            case SAFI_FLOW -> "flow";
            case SAFI_FLOW_VPN -> "flow-vpn";
            case SAFI_MCAST_VPN -> "mcast-vpn";
            case SAFI_VPLS -> "vpls";
            case SAFI_EVPN -> "evpn";
            case SAFI_MUP -> "mup";
            case SAFI_BGP_LS -> "bgp-ls";
            case SAFI_BGP_LS_VPN -> "bgp-ls-vpn";
            case SAFI_SR_POLICY -> "sr-policy";
            default -> "unknown-safi-" + safi;
        };
    }

    /** ExaBGP's spelling, e.g. {@code ipv4 unicast}. */
    @Override
    public String toString() {
        return afiName(afi) + " " + safiName(safi);
    }
}
