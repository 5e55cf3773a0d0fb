package dev.twinbgp.parity;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Message bytes and their canonical text, shared by the scripted peer and the trace.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Marker (16 x 0xFF)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Length               |      Type     |   (RFC 4271 4.1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class WireText {
    static final int HEADER = 19;
    static final byte[] KEEPALIVE = message(4, new byte[0]);

    private WireText() {
    }

    /** A whole message: marker, length (header + body, even when that exceeds 4096), type, body. */
    static byte[] message(int type, byte[] body) {
        int length = HEADER + body.length;
        byte[] m = new byte[length];
        Arrays.fill(m, 0, 16, (byte) 0xFF);
        m[16] = (byte) (length >>> 8);
        m[17] = (byte) length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, HEADER, body.length);
        return m;
    }

    /**
     * The canonical text of a message: its decoded form ({@code toString} of the codec's records, which
     * print every field and never an identity hash), or {@code Undecodable[type T, NOTIFICATION c/s, hex]}.
     */
    static String canonical(byte[] message, Negotiated negotiated) {
        return switch (MessageDecoder.decode(message, negotiated)) {
            case Decoded.Ok ok -> canonical(ok.message());
            case Decoded.Failed f -> "Undecodable[type " + (message.length > 18 ? message[18] & 0xFF : -1) + ", "
                    + f.error().code() + "/" + f.error().subcode() + ", " + HexFormat.of().formatHex(message) + "]";
        };
    }

    static String canonical(BgpMessage message) {
        return message.toString();
    }
}
