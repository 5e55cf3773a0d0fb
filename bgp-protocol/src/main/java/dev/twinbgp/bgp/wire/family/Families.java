package dev.twinbgp.bgp.wire.family;

import dev.twinbgp.bgp.wire.family.evpn.EvpnCodec;
import dev.twinbgp.bgp.wire.family.flow.FlowSpecCodec;
import dev.twinbgp.bgp.wire.family.rtc.RtcCodec;
import dev.twinbgp.bgp.wire.family.mup.MupCodec;
import dev.twinbgp.bgp.wire.family.mvpn.MvpnCodec;
import dev.twinbgp.bgp.wire.family.vpls.VplsCodec;
import dev.twinbgp.bgp.wire.family.vpn.LabeledCodec;
import dev.twinbgp.bgp.wire.family.ls.BgpLsCodec;
import dev.twinbgp.bgp.wire.family.srpolicy.SrPolicyCodec;

import java.util.HashMap;
import java.util.Map;

/**
 * The registry of family codecs by AFI/SAFI. IPv4/IPv6 unicast and multicast are plain prefix lists
 * handled by {@link Nlri} and {@link Prefix} themselves (the full-table fast path); every other family
 * is decoded by the codec registered here, or kept as opaque octets when none is (RFC 4760 section 7:
 * a family we do not know is never a reason to reset the session).
 */
public final class Families {
    private static final Map<Family, FamilyCodec> CODECS = new HashMap<>();

    static {
        register(new FlowSpecCodec());
        register(new EvpnCodec());
        register(new VplsCodec());
        register(new MvpnCodec());
        register(new MupCodec());
        register(new LabeledCodec());
        register(new RtcCodec());
        register(new BgpLsCodec());
        register(new SrPolicyCodec());
    }

    private Families() {
    }

    private static void register(FamilyCodec codec) {
        for (Family f : codec.families()) {
            CODECS.put(f, codec);
        }
    }

    /** The codec of {@code family}, or null when it has none (prefix families, unknown families). */
    public static FamilyCodec codec(Family family) {
        return CODECS.get(family);
    }

    /** Every family with a codec, in AFI/SAFI order (the property and fuzz tests check that each is covered). */
    public static java.util.List<Family> registered() {
        return CODECS.keySet().stream()
                .sorted(java.util.Comparator.comparingInt(Family::afi).thenComparingInt(Family::safi)).toList();
    }

    /** True when routes of {@code family} can be decoded, stored and sent: prefix families and registered ones. */
    public static boolean isKnown(Family family) {
        return Nlri.hasPrefixEncoding(family) || CODECS.containsKey(family);
    }
}
