package dev.twinbgp.bgp.wire.family;

/** An address family: AFI and SAFI (RFC 4760). Open: unknown codes are kept. */
public record Family(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_FLOW = 133;
    public static final int SAFI_FLOW_VPN = 134;
    /** RFC 9552 section 5.2: BGP-LS AFI 16388, SAFI 71 (BGP-LS) and 72 (BGP-LS-VPN). */
    public static final int AFI_BGP_LS = 16388;
    public static final int SAFI_BGP_LS = 71;
    public static final int SAFI_BGP_LS_VPN = 72;
    /** RFC 9830 section 2.1: SR Policy SAFI 73. */
    public static final int SAFI_SR_POLICY = 73;

    public static final Family IPV4_UNICAST = new Family(AFI_IPV4, SAFI_UNICAST);
    public static final Family IPV6_UNICAST = new Family(AFI_IPV6, SAFI_UNICAST);
    public static final Family IPV4_FLOW = new Family(AFI_IPV4, SAFI_FLOW);
    public static final Family IPV6_FLOW = new Family(AFI_IPV6, SAFI_FLOW);
    public static final Family IPV4_FLOW_VPN = new Family(AFI_IPV4, SAFI_FLOW_VPN);
    public static final Family IPV6_FLOW_VPN = new Family(AFI_IPV6, SAFI_FLOW_VPN);
    public static final Family BGP_LS = new Family(AFI_BGP_LS, SAFI_BGP_LS);
    public static final Family BGP_LS_VPN = new Family(AFI_BGP_LS, SAFI_BGP_LS_VPN);
    public static final Family IPV4_SR_POLICY = new Family(AFI_IPV4, SAFI_SR_POLICY);
    public static final Family IPV6_SR_POLICY = new Family(AFI_IPV6, SAFI_SR_POLICY);

    public Family {
        if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("AFI/SAFI out of range: " + afi + "/" + safi);
        }
    }

    public static String afiName(int afi) {
        return switch (afi) {
            case AFI_IPV4 -> "ipv4";
            case AFI_IPV6 -> "ipv6";
            case AFI_BGP_LS -> "bgp-ls";
            default -> "unknown-afi-" + afi;
        };
    }

    public static String safiName(int safi) {
        return switch (safi) {
            case SAFI_UNICAST -> "unicast";
            case 2 -> "multicast";
            case SAFI_FLOW -> "flow";
            case SAFI_FLOW_VPN -> "flow-vpn";
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
