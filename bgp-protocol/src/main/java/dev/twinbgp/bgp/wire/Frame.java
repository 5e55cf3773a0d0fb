package dev.twinbgp.bgp.wire;

import java.nio.ByteBuffer;

/**
 * One complete message cut from the byte stream by {@link MessageFramer}: its type and the body after
 * the 19-octet header. The framer hands over a fresh array that nobody writes afterwards, so decoded
 * values may keep slices of it without copying.
 */
public final class Frame {
    final MessageType type;
    final byte[] body;

    private Frame(MessageType type, byte[] body) {
        this.type = type;
        this.body = body;
    }

    /** A frame over a copy of {@code body}. */
    public static Frame of(MessageType type, byte[] body) {
        return new Frame(type, body.clone());
    }

    /** Takes ownership of {@code body} (framer use: no copy). */
    static Frame owning(MessageType type, byte[] body) {
        return new Frame(type, body);
    }

    public MessageType type() {
        return type;
    }

    /** Octets of the whole message, header included. */
    public int messageLength() {
        return MessageFramer.HEADER_LENGTH + body.length;
    }

    public int bodyLength() {
        return body.length;
    }

    /** A read-only view of the body. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    public byte[] bodyCopy() {
        return body.clone();
    }

    /**
     * The whole message as it was on the wire: the 19-octet header (the all-ones marker, which the framer
     * checked, the length and the type; RFC 4271 section 4.1) and the body. A new array each call.
     */
    public byte[] octets() {
        byte[] all = new byte[messageLength()];
        java.util.Arrays.fill(all, 0, 16, (byte) 0xFF);
        all[16] = (byte) (all.length >>> 8);
        all[17] = (byte) all.length;
        all[18] = (byte) type.code();
        System.arraycopy(body, 0, all, MessageFramer.HEADER_LENGTH, body.length);
        return all;
    }

    @Override
    public String toString() {
        return "Frame[" + type + ", " + messageLength() + " octets]";
    }
}
