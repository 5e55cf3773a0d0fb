package dev.twinbgp.speaker.config;

import java.util.Locale;
import java.util.Set;

/** The neighbor keywords of {@link TcpSecurity}: MD5 (RFC 2385), GTSM (RFC 5082) and the {@code tcp-ao} block. */
final class TcpParser {
    static final String TTL = "a TTL of 1-255 (0, false or disable for none)";
    /** ExaBGP's names (configuration/neighbor grammar: TCP_AO_ALGORITHMS), case-insensitive. */
    static final Set<String> TCP_AO_ALGORITHMS = Set.of("hmac-sha-1-96", "aes-128-cmac-96", "hmac-sha-256");

    private TcpParser() {
    }

    /** {@code outgoing-ttl}/{@code incoming-ttl}/{@code ttl-security} value: 0-255, or false/disable(d) for none (0). */
    static int ttl(Token token) throws ConfigException {
        if (!token.quoted() && Set.of("false", "disable", "disabled").contains(token.text())) {
            return 0;
        }
        return (int) Values.decimal(token, 255, TTL);
    }

    /** {@code md5-base64 true|false|auto;} ({@code md5-base64;} alone is true). */
    static TcpSecurity.Md5Encoding md5Encoding(TokenStream in) throws ConfigException {
        if (in.peek().is(";")) {
            return TcpSecurity.Md5Encoding.BASE64;
        }
        Token value = in.next();
        if (value.is("auto")) {
            return TcpSecurity.Md5Encoding.AUTO;
        }
        if (value.isEnd() || value.quoted() || !Set.of("true", "false", "enable", "disable", "enabled", "disabled")
                .contains(value.text())) {
            throw ConfigException.unexpected(value, "true, false or auto");
        }
        return Values.bool(value) ? TcpSecurity.Md5Encoding.BASE64 : TcpSecurity.Md5Encoding.TEXT;
    }

    /** {@code tcp-ao { keyid N; algorithm NAME; password TEXT; [base64 BOOL;] }}: from the {@code {} to the {@code }}. */
    static TcpSecurity.TcpAo tcpAo(TokenStream in) throws ConfigException {
        in.expect("{");
        Integer keyId = null;
        String algorithm = null;
        Token password = null;
        boolean base64 = false;
        String expected = "a tcp-ao setting (keyid, algorithm, password, base64) or '}'";
        while (!in.peek().is("}")) {
            Token setting = in.next();
            if (setting.isEnd() || setting.quoted()) {
                throw ConfigException.unexpected(setting, expected);
            }
            switch (setting.text()) {
                case "keyid" -> keyId = (int) Values.decimal(in.value("a key id (0-255)"), 255, "a key id (0-255)");
                case "algorithm" -> {
                    Token name = in.value("an algorithm (" + String.join(", ", TCP_AO_ALGORITHMS.stream().sorted().toList()) + ")");
                    algorithm = name.text().toLowerCase(Locale.ROOT);
                    if (!TCP_AO_ALGORITHMS.contains(algorithm)) {
                        throw ConfigException.unexpected(name, "an algorithm ("
                                + String.join(", ", TCP_AO_ALGORITHMS.stream().sorted().toList()) + ")");
                    }
                }
                case "password" -> password = in.value("a password");
                case "base64" -> base64 = NeighborParser.optionalBool(in);
                default -> throw ConfigException.unexpected(setting, expected);
            }
            in.expect(";");
        }
        Token close = in.expect("}");
        if (keyId == null || algorithm == null || password == null) {
            throw ConfigException.unexpected(close, "keyid, algorithm and password in tcp-ao (one is missing)");
        }
        byte[] key = base64 ? TcpSecurity.key(password.text(), TcpSecurity.Md5Encoding.BASE64)
                : TcpSecurity.key(password.text(), TcpSecurity.Md5Encoding.TEXT);
        if (key == null || key.length == 0 || key.length > TcpSecurity.MD5_MAX_KEY) {
            throw ConfigException.unexpected(password, base64 ? "a base64 password of 1-80 octets" : "a password of 1-80 octets");
        }
        return new TcpSecurity.TcpAo(keyId, algorithm, password.text(), base64);
    }
}
