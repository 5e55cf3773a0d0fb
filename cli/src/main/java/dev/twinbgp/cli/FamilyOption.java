package dev.twinbgp.cli;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;

/** {@code ipv4/unicast}, {@code ipv6-unicast} or {@code "ipv4 multicast"} on the command line. */
final class FamilyOption implements CommandLine.ITypeConverter<Family> {
    /** The families with a plain prefix encoding (the ones ADD-PATH path ids can be read for). */
    static final Set<Family> PREFIX_FAMILIES = Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST,
            new Family(Family.AFI_IPV4, 2), new Family(Family.AFI_IPV6, 2));

    @Override
    public Family convert(String value) {
        String[] parts = value.trim().toLowerCase(Locale.ROOT).split("[/\\- ]+");
        if (parts.length == 2) {
            int afi = switch (parts[0]) {
                case "ipv4" -> Family.AFI_IPV4;
                case "ipv6" -> Family.AFI_IPV6;
                default -> -1;
            };
            int safi = switch (parts[1]) {
                case "unicast" -> Family.SAFI_UNICAST;
                case "multicast" -> 2;
                default -> -1;
            };
            if (afi > 0 && safi > 0) {
                return new Family(afi, safi);
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a family: use ipv4/unicast, ipv6/unicast, ipv4/multicast or ipv6/multicast");
    }
}
