package dev.twinbgp.bgp.wire;

/** A decoded BGP message (RFC 4271 section 4). Immutable. */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh, Operational {
    MessageType type();
}
