package dev.twinbgp.bgp.wire.capability;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Open;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Derives the session's {@link Negotiated} from the OPEN we sent and the OPEN we received. */
public final class Negotiation {
    private Negotiation() {
    }

    /**
     * RFC 6793 section 4: 4-octet AS when both OPENs carry the capability. RFC 8654 section 4:
     * Extended Message when both do. RFC 7911 section 4: for a family we receive path identifiers if
     * we advertised Receive (or Both) and the peer advertised Send (or Both), and send them in the
     * opposite case.
     */
    public static Negotiated between(Open sent, Open received) {
        boolean asn4 = has(sent, Capability.FourOctetAs.class) && has(received, Capability.FourOctetAs.class);
        boolean ext = has(sent, Capability.ExtendedMessage.class) && has(received, Capability.ExtendedMessage.class);
        Map<Family, AddPathMode> ours = addPath(sent);
        Map<Family, AddPathMode> theirs = addPath(received);
        Set<Family> receive = new HashSet<>();
        Set<Family> send = new HashSet<>();
        for (Map.Entry<Family, AddPathMode> e : ours.entrySet()) {
            AddPathMode peer = theirs.get(e.getKey());
            if (peer == null) {
                continue;
            }
            if (e.getValue().canReceive() && peer.canSend()) {
                receive.add(e.getKey());
            }
            if (e.getValue().canSend() && peer.canReceive()) {
                send.add(e.getKey());
            }
        }
        return new Negotiated(asn4, receive, send, ext);
    }

    private static boolean has(Open o, Class<? extends Capability> kind) {
        return o.capabilities().stream().anyMatch(kind::isInstance);
    }

    private static Map<Family, AddPathMode> addPath(Open o) {
        Map<Family, AddPathMode> m = new HashMap<>();
        for (Capability c : o.capabilities()) {
            if (c instanceof Capability.AddPath a) {
                a.entries().forEach(e -> m.put(e.family(), e.mode()));
            }
        }
        return m;
    }
}
