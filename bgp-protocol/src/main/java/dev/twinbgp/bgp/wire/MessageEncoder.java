package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.capability.Negotiated;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes {@link BgpMessage} values for a session ({@link Negotiated}: 4-octet AS, ADD-PATH SEND
 * direction per family, maximum message length). Encoding a message that does not fit the session's
 * maximum length is a programming error (IllegalArgumentException); use {@link UpdatePacker} to
 * split large announcements.
 */
public final class MessageEncoder {
    private MessageEncoder() {
    }

    public static byte[] encode(BgpMessage message, Negotiated negotiated) {
        if (message instanceof Update u) {
            UpdateCodec.Parts parts = UpdateCodec.parts(u, negotiated);
            int total = MessageFramer.HEADER_LENGTH + parts.bodyLength();
            byte[] out = new byte[total];
            header(out, total, MessageType.UPDATE, negotiated);
            UpdateCodec.write(parts, out, MessageFramer.HEADER_LENGTH);
            return out;
        }
        WireWriter w = new WireWriter(64);
        w.bytes(new byte[MessageFramer.HEADER_LENGTH]);
        switch (message) {
            case Open o -> OpenCodec.write(o, w);
            case Notification n -> w.u8(n.code()).u8(n.subcode()).bytes(n.data());
            case Keepalive k -> { }
            case RouteRefresh r -> w.u16(r.afi()).u8(r.subtype()).u8(r.safi());
            case Operational p -> w.u16(p.what()).u16(3 + p.data().length).u16(p.afi()).u8(p.safi()).bytes(p.data());
            case Update u -> throw new AssertionError("handled above");
        }
        byte[] out = w.toByteArray();
        header(out, out.length, message.type(), negotiated);
        return out;
    }

    /** Encodes into {@code out} (BufferOverflowException if it does not fit; nothing is written then). */
    public static void encode(BgpMessage message, Negotiated negotiated, ByteBuffer out) {
        if (message instanceof Update u) {
            UpdateCodec.Parts parts = UpdateCodec.parts(u, negotiated);
            int total = MessageFramer.HEADER_LENGTH + parts.bodyLength();
            if (out.remaining() < total) {
                throw new java.nio.BufferOverflowException();
            }
            if (out.hasArray()) {
                byte[] a = out.array();
                int at = out.arrayOffset() + out.position();
                header(a, at, total, MessageType.UPDATE, negotiated);
                UpdateCodec.write(parts, a, at + MessageFramer.HEADER_LENGTH);
                out.position(out.position() + total);
                return;
            }
        }
        byte[] bytes = encode(message, negotiated);
        if (out.remaining() < bytes.length) {
            throw new java.nio.BufferOverflowException();
        }
        out.put(bytes);
    }

    /** The encoded size of {@code message} for this session. */
    public static int encodedLength(BgpMessage message, Negotiated negotiated) {
        if (message instanceof Update u) {
            return MessageFramer.HEADER_LENGTH + UpdateCodec.parts(u, negotiated).bodyLength();
        }
        return encode(message, negotiated).length;
    }

    private static void header(byte[] out, int total, MessageType type, Negotiated negotiated) {
        header(out, 0, total, type, negotiated);
    }

    private static void header(byte[] out, int at, int total, MessageType type, Negotiated negotiated) {
        if (total > negotiated.maxMessageLength()) {
            throw new IllegalArgumentException(type + " of " + total + " octets exceeds the session maximum "
                    + negotiated.maxMessageLength());
        }
        Arrays.fill(out, at, at + 16, (byte) 0xFF);
        Bytes.put16(out, at + 16, total);
        out[at + 18] = (byte) type.code();
    }
}
