package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;

/**
 * One configured route of a family with a codec: a FlowSpec route (ExaBGP's {@code flow { route NAME { match { }
 * then { } } }} or an API {@code announce flow route ...}), an EVPN or VPLS route ({@code l2vpn { }}), ...: the
 * rule (the route's NLRI built from its fields), and its attributes - for FlowSpec the {@code then} actions as
 * extended communities (RFC 8955 section 7), a redirect's next hop, communities, as written.
 */
public record FlowConfig(FamilyRoute rule, RouteAttributes attributes) {
    public Family family() {
        return rule.family();
    }
}
