package dev.twinbgp.bgp.wire;

/** KEEPALIVE: the header alone (RFC 4271 section 4.4). */
public record Keepalive() implements BgpMessage {
    public static final Keepalive INSTANCE = new Keepalive();

    @Override
    public MessageType type() {
        return MessageType.KEEPALIVE;
    }
}
