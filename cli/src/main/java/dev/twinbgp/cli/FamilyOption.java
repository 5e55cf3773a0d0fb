package dev.twinbgp.cli;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;

/** {@code ipv4/unicast}, {@code ipv6-unicast}, {@code "ipv4 multicast"} or {@code ipv4/mpls-vpn} on the command line. */
final class FamilyOption implements CommandLine.ITypeConverter<Family> {
    /** The prefix families and the labeled ones (nlri-mpls, mpls-vpn): what --add-path reads path ids for. */
    static final Set<Family> PREFIX_FAMILIES = Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST,
            new Family(Family.AFI_IPV4, 2), new Family(Family.AFI_IPV6, 2), Family.IPV4_MPLS_LABEL,
            Family.IPV6_MPLS_LABEL, Family.IPV4_MPLS_VPN, Family.IPV6_MPLS_VPN);

    @Override
    public Family convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        String[] parts = text.split("[/ ]+");
        if (parts.length == 1 && text.indexOf('-') > 0) { // ipv4-unicast, ipv4-mpls-vpn
            parts = new String[] {text.substring(0, text.indexOf('-')), text.substring(text.indexOf('-') + 1)};
        }
        if (parts.length == 2) {
            int afi = switch (parts[0]) {
                case "ipv4" -> Family.AFI_IPV4;
                case "ipv6" -> Family.AFI_IPV6;
                default -> -1;
            };
            int safi = switch (parts[1]) {
                case "unicast" -> Family.SAFI_UNICAST;
                case "multicast" -> Family.SAFI_MULTICAST;
                case "nlri-mpls" -> Family.SAFI_MPLS_LABEL;
                case "mpls-vpn" -> Family.SAFI_MPLS_VPN;
                case "rtc" -> Family.SAFI_RTC;
                default -> -1;
            };
            if (afi > 0 && safi > 0) {
                return new Family(afi, safi);
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a family: use ipv4|ipv6 / unicast, multicast, nlri-mpls or mpls-vpn");
    }
}
