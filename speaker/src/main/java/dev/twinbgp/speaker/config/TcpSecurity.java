package dev.twinbgp.speaker.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A neighbor's transport security, as ExaBGP writes it: the TCP MD5 signature of RFC 2385 ({@code md5-password},
 * {@code md5-base64}, {@code md5-ip}), GTSM of RFC 5082 ({@code outgoing-ttl}, {@code incoming-ttl}, and ExaBGP 3's
 * {@code ttl-security}) and TCP-AO of RFC 5925 ({@code tcp-ao { }}, which {@code run} refuses).
 *
 * @param md5Password the password as written, empty for none
 * @param md5Encoding how it becomes the key ({@code md5-base64 false|true|auto}, default false: its octets)
 * @param md5Ip       {@code md5-ip}: the local address of the TCP connection (bound to, listened on) instead of
 *                    {@code local-address}, as in ExaBGP, where it defaults to the local address
 * @param outgoingTtl {@code outgoing-ttl}: the TTL of what we send, 1-255, 0 when not set
 * @param incomingTtl {@code incoming-ttl} / {@code ttl-security}: the lowest TTL accepted, 1-255, 0 when not set
 * @param tcpAo       the {@code tcp-ao} block, empty for none
 */
public record TcpSecurity(Optional<String> md5Password, Md5Encoding md5Encoding, Optional<IpAddress> md5Ip,
                          int outgoingTtl, int incomingTtl, Optional<TcpAo> tcpAo) {

    /** No password, no TTL setting, no TCP-AO. */
    public static final TcpSecurity NONE =
            new TcpSecurity(Optional.empty(), Md5Encoding.TEXT, Optional.empty(), 0, 0, Optional.empty());

    /** The longest key Linux takes (TCP_MD5SIG_MAXKEYLEN), which ExaBGP checks too. */
    public static final int MD5_MAX_KEY = 80;

    /** {@code md5-base64}: {@code false} (the default), {@code true}, or {@code auto}. */
    public enum Md5Encoding {
        TEXT, BASE64, AUTO
    }

    /** {@code tcp-ao { keyid N; algorithm NAME; password TEXT; base64 BOOL; }}. */
    public record TcpAo(int keyId, String algorithm, String password, boolean base64) {
    }

    /** True when something is set (a password, a TTL or TCP-AO). */
    public boolean isSet() {
        return md5Password.isPresent() || outgoingTtl != 0 || incomingTtl != 0 || tcpAo.isPresent();
    }

    /** The MD5 key, or null without password. */
    public byte[] md5Key() {
        return md5Password.map(p -> key(p, md5Encoding)).orElse(null);
    }

    /**
     * The key a password and encoding give, or null when base64 was asked for and the text is not base64. AUTO is
     * ExaBGP's guess (reactor/network/tcp.py): a password of only the characters a-f and 0-9 is tried as base64
     * with two, one and no '=' of padding, the first that decodes is the key; anything else is the text.
     */
    static byte[] key(String password, Md5Encoding encoding) {
        return switch (encoding) {
            case TEXT -> password.getBytes(StandardCharsets.UTF_8);
            case BASE64 -> base64(password);
            case AUTO -> {
                if (password.matches("[a-f0-9]+")) {
                    for (String padded : new String[] {password + "==", password + "=", password}) {
                        byte[] decoded = base64(padded);
                        if (decoded != null) yield decoded;
                    }
                }
                yield password.getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
