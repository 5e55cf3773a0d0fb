package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Notification;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Cease NOTIFICATIONs we send (RFC 4486), with the RFC 9003 shutdown communication. */
public final class CeaseNotifications {
    /** RFC 9003 section 2: the length octet allows up to 255 octets of UTF-8. */
    public static final int MAX_COMMUNICATION_OCTETS = 255;

    private CeaseNotifications() {
    }

    /**
     * Cease with {@code subcode}. For Administrative Shutdown (2) and Administrative Reset (4) a
     * non-null {@code communication} is attached as RFC 9003 section 2 lays it out, cut at a
     * character boundary to fit 255 octets:
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * | Error code 6  |    Subcode    |    Length     |     ...       \
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               /
     * \                                                               \
     * /                 ... Shutdown Communication (UTF-8) ...        /
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    public static Notification cease(int subcode, String communication) {
        boolean carriesText = subcode == ErrorCodes.CEASE_ADMIN_SHUTDOWN || subcode == ErrorCodes.CEASE_ADMIN_RESET;
        if (communication == null || !carriesText) {
            return new Notification(ErrorCodes.CEASE, subcode);
        }
        byte[] text = utf8Prefix(communication, MAX_COMMUNICATION_OCTETS);
        byte[] data = new byte[1 + text.length];
        data[0] = (byte) text.length;
        System.arraycopy(text, 0, data, 1, text.length);
        return new Notification(ErrorCodes.CEASE, subcode, data);
    }

    /** The longest UTF-8 encoding of a prefix of {@code s} that fits {@code max} octets (no split characters). */
    static byte[] utf8Prefix(String s, int max) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer out = ByteBuffer.allocate(max);
        encoder.encode(CharBuffer.wrap(s), out, true);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /**
     * One line for the log, e.g. {@code 6/2 Cease / Administrative Shutdown "maintenance"}: the
     * RFC 9003 text is shown when the data holds a well-formed one, otherwise the data is ignored.
     */
    public static String describe(Notification n) {
        String line = n.code() + "/" + n.subcode() + " " + ErrorCodes.name(n.code(), n.subcode());
        byte[] data = n.data();
        boolean carriesText = n.code() == ErrorCodes.CEASE
                && (n.subcode() == ErrorCodes.CEASE_ADMIN_SHUTDOWN || n.subcode() == ErrorCodes.CEASE_ADMIN_RESET);
        if (carriesText && data.length > 1 && (data[0] & 0xFF) == data.length - 1) {
            String text = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
            line += " \"" + text.replaceAll("\\p{Cntrl}", "?") + "\"";
        }
        return line;
    }
}
