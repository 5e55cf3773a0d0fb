package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.flow.FlowRule;

/**
 * One configured FlowSpec route (ExaBGP's {@code flow { route NAME { match { } then { } } }} or an API
 * {@code announce flow route ...}): the rule, and its attributes - the {@code then} actions as extended
 * communities (RFC 8955 section 7), a redirect's next hop, communities, as written.
 */
public record FlowConfig(FlowRule rule, RouteAttributes attributes) {
    public Family family() {
        return rule.family();
    }
}
