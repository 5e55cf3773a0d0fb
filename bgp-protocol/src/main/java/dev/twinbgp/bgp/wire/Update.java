package dev.twinbgp.bgp.wire;

/** UPDATE (RFC 4271 section 4.3). PLACEHOLDER: the codec work defines its content. */
public final class Update implements BgpMessage {
    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }
}
