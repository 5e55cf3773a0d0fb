package dev.twinbgp.bgp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a TCP byte stream into BGP messages (RFC 4271 section 4.1), checking only the header:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                           Marker (16 octets of 0xFF)          +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Length               |      Type     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Feed it {@link ByteBuffer} chunks as they arrive; it keeps a carry-over buffer for a partial
 * message and hands each complete message to the sink as a {@link Frame}. Payloads are decoded
 * separately by {@link MessageDecoder}. A header error (RFC 4271 section 6.1: 1/1, 1/2, 1/3) is
 * returned and is final: the stream cannot be resynchronised. Not thread-safe: one framer per
 * connection, used by the connection's I/O thread.
 */
public final class MessageFramer {
    public static final int HEADER_LENGTH = 19;
    public static final int MAX_LENGTH = 4096;
    public static final int MAX_EXTENDED_LENGTH = 65535;

    /** Receives each complete frame. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(Frame frame);
    }

    /** The result of {@link #feed(ByteBuffer)}: the frames found, and the header error if one ended the stream. */
    public record Framed(List<Frame> frames, Optional<WireError> error) {
        public Framed {
            frames = List.copyOf(frames);
        }
    }

    private int maxLength = MAX_LENGTH;
    private byte[] carry = new byte[HEADER_LENGTH];
    private int carryLength;
    private WireError failure;
    private boolean operational;

    /**
     * Sets the largest acceptable message: 4096, or 65535 once Extended Message (RFC 8654 section 4)
     * is negotiated. Frames are handed to the sink one at a time, so a sink that processes the OPEN
     * may call this before the framer reads the header of the next message in the same chunk.
     */
    public void setMaxMessageLength(int max) {
        if (max < MAX_LENGTH || max > MAX_EXTENDED_LENGTH) {
            throw new IllegalArgumentException("max message length must be 4096..65535: " + max);
        }
        maxLength = max;
    }

    public int maxMessageLength() {
        return maxLength;
    }

    /**
     * Accepts OPERATIONAL (type 6) once both OPENs carried capability 185 (ExaBGP's operational
     * messages); until then type 6 is unknown, 1/3 (RFC 4271 section 6.1), as for any other code.
     */
    public void setOperational(boolean on) {
        operational = on;
    }

    /** Octets of an incomplete message held from earlier chunks. */
    public int pendingBytes() {
        return carryLength;
    }

    /** The header error that stopped this framer, if any. */
    public Optional<WireError> failure() {
        return Optional.ofNullable(failure);
    }

    /** Like {@link #feed(ByteBuffer, FrameSink)}, collecting the frames. */
    public Framed feed(ByteBuffer chunk) {
        List<Frame> frames = new ArrayList<>();
        WireError e = feed(chunk, frames::add);
        return new Framed(frames, Optional.ofNullable(e));
    }

    /**
     * Consumes all of {@code chunk}, calling {@code sink} for every complete message. Returns null, or
     * the header error that ends the stream (also returned by every later call).
     */
    public WireError feed(ByteBuffer chunk, FrameSink sink) {
        while (failure == null && chunk.hasRemaining()) {
            if (carryLength == 0 && chunk.remaining() >= HEADER_LENGTH) {
                // Fast path: the header is in the chunk.
                int at = chunk.position();
                int length = checkHeader(chunk, at);
                if (length < 0) {
                    break;
                }
                if (chunk.remaining() >= length) {
                    byte[] body = new byte[length - HEADER_LENGTH];
                    chunk.get(at + HEADER_LENGTH, body);
                    chunk.position(at + length);
                    sink.frame(Frame.owning(MessageType.fromCode(chunk.get(at + 18) & 0xFF), body));
                    continue;
                }
            }
            // Slow path: accumulate a partial header or message in the carry-over buffer.
            if (carryLength < HEADER_LENGTH) {
                int n = Math.min(HEADER_LENGTH - carryLength, chunk.remaining());
                chunk.get(carry, carryLength, n);
                carryLength += n;
                if (carryLength < HEADER_LENGTH) {
                    break;
                }
            }
            int length = checkHeader(ByteBuffer.wrap(carry), 0);
            if (length < 0) {
                break;
            }
            if (carry.length < length) {
                byte[] bigger = new byte[length];
                System.arraycopy(carry, 0, bigger, 0, carryLength);
                carry = bigger;
            }
            int n = Math.min(length - carryLength, chunk.remaining());
            chunk.get(carry, carryLength, n);
            carryLength += n;
            if (carryLength == length) {
                byte[] body = new byte[length - HEADER_LENGTH];
                System.arraycopy(carry, HEADER_LENGTH, body, 0, body.length);
                MessageType type = MessageType.fromCode(carry[18] & 0xFF);
                carryLength = 0;
                if (carry.length > 4 * HEADER_LENGTH) {
                    carry = new byte[HEADER_LENGTH]; // do not keep a 64 KiB buffer for idle sessions
                }
                sink.frame(Frame.owning(type, body));
            }
        }
        if (failure != null) {
            chunk.position(chunk.limit());
        }
        return failure;
    }

    /**
     * Checks the header at {@code at} (RFC 4271 section 6.1); returns the message length or -1 after
     * recording the error.
     */
    private int checkHeader(ByteBuffer b, int at) {
        WireError e = headerError(b, at, maxLength, operational);
        if (e != null) {
            failure = e;
            return -1;
        }
        return (b.get(at + 16) & 0xFF) << 8 | (b.get(at + 17) & 0xFF);
    }

    /** The Length field, the data of a 1/2 error (made only then: this runs for every message). */
    private static byte[] lengthField(ByteBuffer b, int at) {
        return new byte[] {b.get(at + 16), b.get(at + 17)};
    }

    /** The header error of the 19 octets at {@code at}, or null; type 6 is unknown (1/3). */
    static WireError headerError(ByteBuffer b, int at, int maxLength) {
        return headerError(b, at, maxLength, false);
    }

    /** The header error of the 19 octets at {@code at}, or null; type 6 known when {@code operational}. */
    static WireError headerError(ByteBuffer b, int at, int maxLength, boolean operational) {
        for (int i = 0; i < 16; i++) {
            if (b.get(at + i) != (byte) 0xFF) {
                // 1/1: the marker is not all ones; no data.
                return new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_NOT_SYNCHRONIZED, "marker is not all ones");
            }
        }
        int length = (b.get(at + 16) & 0xFF) << 8 | (b.get(at + 17) & 0xFF);
        int typeCode = b.get(at + 18) & 0xFF;
        if (length < HEADER_LENGTH || length > maxLength) {
            // 1/2: data = the erroneous Length field.
            return new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_LENGTH, lengthField(b, at),
                    "length " + length + " outside 19.." + maxLength);
        }
        MessageType type = MessageType.fromCode(typeCode);
        if (type == null || (type == MessageType.OPERATIONAL && !operational)) {
            // 1/3: data = the erroneous Type field.
            return new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_TYPE, new byte[] {(byte) typeCode},
                    "unknown message type " + typeCode);
        }
        // RFC 4271 section 6.1: per-type minimum lengths are also 1/2 (ROUTE-REFRESH length is 7/1, see the decoder).
        int min = switch (type) {
            case OPEN -> 29;
            case UPDATE -> 23;
            case NOTIFICATION -> 21;
            case KEEPALIVE, ROUTE_REFRESH -> HEADER_LENGTH;
            case OPERATIONAL -> HEADER_LENGTH + 7; // type, length, AFI, SAFI
        };
        if (length < min || (type == MessageType.KEEPALIVE && length != HEADER_LENGTH)) {
            return new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_LENGTH, lengthField(b, at),
                    "length " + length + " wrong for " + type);
        }
        return null;
    }
}
