package dev.twinbgp.bgp.wire.family.flow;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.List;

/** The family codec of FlowSpec: IPv4 and IPv6 (RFC 8955, RFC 8956), SAFI 133 and flow-vpn 134. */
public final class FlowSpecCodec implements FamilyCodec {
    @Override
    public List<Family> families() {
        return List.of(Family.IPV4_FLOW, Family.IPV6_FLOW, Family.IPV4_FLOW_VPN, Family.IPV6_FLOW_VPN);
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        return FlowNlri.routeLength(b, p, end);
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return FlowNlri.parse(family, b, off, len).error();
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        FlowNlri.Parsed parsed = FlowNlri.parse(family, nlri, 0, nlri.length);
        if (parsed.error() != null) {
            out.string("raw", "0x" + java.util.HexFormat.of().withUpperCase().formatHex(nlri));
            return;
        }
        FlowText.describe(parsed.rule(), out);
    }

    @Override
    public String text(Family family, byte[] nlri) {
        FlowNlri.Parsed parsed = FlowNlri.parse(family, nlri, 0, nlri.length);
        return parsed.error() == null ? FlowText.text(parsed.rule())
                : "flow 0x" + java.util.HexFormat.of().withUpperCase().formatHex(nlri);
    }
}
