package dev.twinbgp.speaker.conformance;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What the vectors' test peers ({@link ConformancePeer}, {@link ProgramPeer}) share: whole messages on a blocking stream. */
final class PeerWire {
    static final int HEADER = 19;
    static final int OPEN = 1;
    static final int UPDATE = 2;
    static final int NOTIFICATION = 3;
    static final int KEEPALIVE = 4;
    static final int ROUTE_REFRESH = 5;
    static final byte[] KEEPALIVE_MESSAGE = HexFormat.of().parseHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304");
    // RFC 4724 section 2: an empty UPDATE (IPv4 unicast), or one holding only an empty MP_UNREACH_NLRI.
    static final Pattern END_OF_RIB =
            Pattern.compile("^F{32}0017020{8}$|^F{32}001E020{4}0007900F0003[0-9A-F]{6}$|^F{32}001D020{4}0006800F03[0-9A-F]{6}$");

    private PeerWire() {
    }

    /** One whole message (RFC 4271 section 4.1), or null at the end of the stream. */
    static byte[] read(DataInputStream in) throws IOException {
        byte[] message = new byte[HEADER];
        try {
            in.readFully(message);
        } catch (EOFException e) {
            return null;
        }
        int length = ((message[16] & 0xFF) << 8) | (message[17] & 0xFF);
        if (length < HEADER) {
            throw new IOException("bad message length " + length);
        }
        byte[] whole = Arrays.copyOf(message, length);
        in.readFully(whole, HEADER, length - HEADER);
        return whole;
    }

    static String hex(byte[] message) {
        return message == null ? "(none)" : HexFormat.of().withUpperCase().formatHex(message);
    }
}
