package dev.twinbgp.speaker.config;

import java.nio.ByteBuffer;
import java.util.Locale;

/** ExaBGP's FlowSpec {@code then} actions as extended communities (RFC 8955 section 7, RFC 7674). */
final class FlowActions {
    static final String MARK = "a DSCP value (0-63)";
    static final String ACTION = "sample, terminal or sample-terminal";

    private FlowActions() {
    }

    /** {@code mark N} (traffic-marking, 0x8009) or {@code action X} (traffic-action, 0x8007): the keyword is read. */
    static ExtendedCommunity twoWord(Token keyword, TokenStream in) throws ConfigException {
        if (keyword.is("mark")) {
            long dscp = Values.decimal(in.value(MARK), 63, MARK);
            return new ExtendedCommunity(new byte[] {(byte) 0x80, 0x09, 0, 0, 0, 0, 0, (byte) dscp});
        }
        Token t = in.value(ACTION);
        String v = t.text().toLowerCase(Locale.ROOT);
        boolean sample = v.contains("sample");
        boolean terminal = v.contains("terminal");
        if (!sample && !terminal) {
            throw ConfigException.unexpected(t, ACTION);
        }
        return new ExtendedCommunity(new byte[] {(byte) 0x80, 0x07, 0, 0, 0, 0, 0, (byte) ((sample ? 2 : 0) | (terminal ? 1 : 0))});
    }

    /** {@code redirect-to-nexthop-ietf IPV4} (draft-ietf-idr-flowspec-redirect-ip, 0x010C). */
    static ExtendedCommunity redirectIetf(Token token) throws ConfigException {
        IpAddress ip = Values.ipv4(token, "an IPv4 address (an IPv6 redirect-to-nexthop-ietf is not supported)");
        return new ExtendedCommunity(ByteBuffer.allocate(8).put((byte) 0x01).put((byte) 0x0C).put(ip.bytes())
                .putShort((short) 0).array());
    }

    /** {@code redirect-to-nexthop} / {@code copy} (draft-simpson-idr-flowspec-redirect, 0x0800, C bit for copy). */
    static ExtendedCommunity nextHop(boolean copy) {
        return new ExtendedCommunity(new byte[] {0x08, 0, 0, 0, 0, 0, 0, (byte) (copy ? 1 : 0)});
    }
}
