package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.capability.Negotiated;

import java.nio.ByteBuffer;

/**
 * Decodes framed messages into {@link BgpMessage} values, parameterised by what the session
 * negotiated ({@link Negotiated}: 4-octet AS, ADD-PATH RECEIVE direction per family). Never throws
 * for bad input: every malformed message gives a {@link Decoded.Failed} with the NOTIFICATION code,
 * subcode and data RFC 4271 section 6 (and RFC 7606 for UPDATE) prescribe.
 */
public final class MessageDecoder {
    private MessageDecoder() {
    }

    public static Decoded decode(Frame frame, Negotiated negotiated) {
        byte[] b = frame.body;
        return switch (frame.type) {
            case OPEN -> OpenCodec.decode(b, 0, b.length);
            case UPDATE -> UpdateCodec.decode(b, 0, b.length, negotiated);
            case NOTIFICATION -> notification(b);
            case KEEPALIVE -> b.length == 0 ? new Decoded.Ok(Keepalive.INSTANCE) : badLength(b.length);
            case ROUTE_REFRESH -> routeRefresh(b);
            case OPERATIONAL -> operational(b);
        };
    }

    /**
     * Decodes one whole message (header included), checking the header as the framer does with
     * {@code negotiated.maxMessageLength()}; trailing octets beyond the Length field are a 1/2 error.
     */
    public static Decoded decode(byte[] message, Negotiated negotiated) {
        return decode(message, negotiated, false);
    }

    /** As {@link #decode(byte[], Negotiated)}, OPERATIONAL (type 6) accepted when {@code operational} (capability 185 on both sides). */
    public static Decoded decode(byte[] message, Negotiated negotiated, boolean operational) {
        if (message.length < MessageFramer.HEADER_LENGTH) {
            return new Decoded.Failed(new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_LENGTH,
                    "message shorter than the header"));
        }
        WireError e = MessageFramer.headerError(ByteBuffer.wrap(message), 0, negotiated.maxMessageLength(), operational);
        if (e != null) {
            return new Decoded.Failed(e);
        }
        int length = Bytes.u16(message, 16);
        if (length != message.length) {
            return new Decoded.Failed(new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_LENGTH,
                    new byte[] {message[16], message[17]}, "Length " + length + " but " + message.length + " octets"));
        }
        byte[] body = Bytes.slice(message, MessageFramer.HEADER_LENGTH, length - MessageFramer.HEADER_LENGTH);
        return decode(Frame.owning(MessageType.fromCode(message[18] & 0xFF), body), negotiated);
    }

    private static Decoded badLength(int bodyLength) {
        int total = MessageFramer.HEADER_LENGTH + bodyLength;
        return new Decoded.Failed(new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_LENGTH,
                new byte[] {(byte) (total >>> 8), (byte) total}, "bad length " + total));
    }

    /** RFC 4271 section 4.5: code (1), subcode (1), data; fewer than 2 octets is 1/2 (section 6.1). */
    private static Decoded notification(byte[] b) {
        if (b.length < 2) {
            return badLength(b.length);
        }
        return new Decoded.Ok(new Notification(b[0] & 0xFF, b[1] & 0xFF, Bytes.slice(b, 2, b.length - 2)));
    }

    /**
     * OPERATIONAL (draft-ietf-idr-operational-message as ExaBGP reads it): type (2), length (2) of what
     * follows, AFI (2), SAFI (1), data. Fewer than 7 octets or a length that disagrees with the message is
     * 1/2 with the message Length as data (RFC 4271 section 6.1). Whether the session may receive it at
     * all (capability 185) is the framer's check ({@link MessageFramer#setOperational}), and the FSM's.
     */
    private static Decoded operational(byte[] b) {
        if (b.length < 7 || Bytes.u16(b, 2) != b.length - 4) {
            return badLength(b.length);
        }
        return new Decoded.Ok(new Operational(Bytes.u16(b, 0), Bytes.u16(b, 4), b[6] & 0xFF, Bytes.slice(b, 7, b.length - 7)));
    }

    /**
     * RFC 2918 section 3 / RFC 7313 section 5: the body is AFI (2), subtype (1), SAFI (1); any other
     * length is 7/1 with the complete message as data. Unknown subtypes are returned (RFC 7313 section
     * 5 has the receiver ignore them).
     */
    private static Decoded routeRefresh(byte[] b) {
        if (b.length != 4) {
            int total = MessageFramer.HEADER_LENGTH + b.length;
            byte[] whole = new byte[total];
            java.util.Arrays.fill(whole, 0, 16, (byte) 0xFF);
            Bytes.put16(whole, 16, total);
            whole[18] = (byte) MessageType.ROUTE_REFRESH.code();
            System.arraycopy(b, 0, whole, MessageFramer.HEADER_LENGTH, b.length);
            return new Decoded.Failed(new WireError(ErrorCodes.ROUTE_REFRESH_MESSAGE, ErrorCodes.ROUTE_REFRESH_INVALID_LENGTH,
                    whole, "ROUTE-REFRESH length " + total));
        }
        return new Decoded.Ok(new RouteRefresh(Bytes.u16(b, 0), b[2] & 0xFF, b[3] & 0xFF));
    }
}
