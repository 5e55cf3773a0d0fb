package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;

/**
 * One configured route of a family with a codec: a FlowSpec rule (ExaBGP's {@code flow { route NAME { match { }
 * then { } } }} or an API {@code announce flow route ...}) or an SR Policy ({@code sr-policy distinguisher ..},
 * {@link SrPolicyParser}), and its attributes - the {@code then} actions as extended communities (RFC 8955
 * section 7), a redirect's next hop, an SR Policy's tunnel encapsulation, communities, as written.
 */
public record FlowConfig(FamilyRoute rule, RouteAttributes attributes) {
    public Family family() {
        return rule.family();
    }
}
