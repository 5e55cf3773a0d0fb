package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.PeerSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** md5-password, md5-base64, md5-ip, outgoing-ttl, incoming-ttl / ttl-security and tcp-ao, as ExaBGP writes them. */
class TcpSecurityConfigTest {

    private static Configuration parse(String body) throws ConfigException {
        return ConfigParser.parse("t.conf", "neighbor 127.0.0.2 {\n local-as 65001; peer-as 65002; local-address 127.0.0.1;\n"
                + body + "\n}\n");
    }

    private static NeighborConfig neighbor(String body) throws ConfigException {
        return parse(body).neighbors().get(0);
    }

    private static SocketOptions socket(String body) throws ConfigException {
        return PeerSettingsMapper.map(parse(body)).get(0).socket();
    }

    @Test
    void nothingSetIsNoSocketOption() throws ConfigException {
        assertEquals(TcpSecurity.NONE, neighbor("").tcp());
        assertEquals(SocketOptions.NONE, socket(""));
    }

    @Test
    void aPasswordIsItsOctetsUnlessBase64IsAsked() throws ConfigException {
        assertArrayEquals("abc123".getBytes(StandardCharsets.US_ASCII), socket("md5-password abc123;").md5Key());
        assertArrayEquals("my md5 of the day".getBytes(StandardCharsets.US_ASCII),
                socket("md5-password \"my md5 of the day\";").md5Key());
        byte[] binary = {1, 2, 3, (byte) 0xff};
        String encoded = Base64.getEncoder().encodeToString(binary);
        assertArrayEquals(binary, socket("md5-password " + encoded + "; md5-base64 true;").md5Key());
        assertArrayEquals(binary, socket("md5-password " + encoded + "; md5-base64;").md5Key());
        assertArrayEquals(encoded.getBytes(StandardCharsets.US_ASCII),
                socket("md5-password " + encoded + "; md5-base64 false;").md5Key());
    }

    @Test
    void autoDecodesOnlyWhatLooksLikeLowerCaseHexAsExaBgpDoes() throws ConfigException {
        // 'abc123' + '==' is base64 for four octets
        assertArrayEquals(Base64.getDecoder().decode("abc123=="), socket("md5-password abc123; md5-base64 auto;").md5Key());
        assertArrayEquals("Secret!".getBytes(StandardCharsets.US_ASCII),
                socket("md5-password Secret!; md5-base64 auto;").md5Key());
    }

    @Test
    void aBadPasswordIsAnErrorAtIt() {
        ConfigException notBase64 = assertThrows(ConfigException.class, () -> parse("md5-password x; md5-base64 true;"));
        assertTrue(notBase64.getMessage().startsWith("t.conf:3:"), notBase64.getMessage());
        assertTrue(notBase64.getMessage().contains("base64 password of 1-80 octets"), notBase64.getMessage());
        ConfigException tooLong = assertThrows(ConfigException.class, () -> parse("md5-password " + "k".repeat(81) + ";"));
        assertTrue(tooLong.getMessage().contains("password of 1-80 octets"), tooLong.getMessage());
        assertThrows(ConfigException.class, () -> parse("md5-base64 maybe;"));
    }

    @Test
    void md5IpIsTheLocalAddressOfTheConnection() throws ConfigException {
        PeerSettings s = PeerSettingsMapper.map(parse("md5-password k; md5-ip 127.0.0.3;")).get(0);
        assertEquals("127.0.0.3", s.localAddress().getHostAddress());
        assertEquals(Optional.of(IpAddress.parse("127.0.0.1")), neighbor("md5-ip 127.0.0.3;").localAddress());
        assertThrows(ConfigException.class, () -> parse("md5-ip ::1;"));
    }

    @Test
    void ttlsFollowRfc5082() throws ConfigException {
        assertEquals(new SocketOptions(null, 1, 0), socket("outgoing-ttl 1;"));
        // GTSM: a minimum, and 255 on what we send unless outgoing-ttl says otherwise
        assertEquals(new SocketOptions(null, 255, 254), socket("incoming-ttl 254;"));
        assertEquals(new SocketOptions(null, 255, 254), socket("ttl-security 254;"));
        assertEquals(new SocketOptions(null, 64, 200), socket("incoming-ttl 200; outgoing-ttl 64;"));
        assertEquals(SocketOptions.NONE, socket("outgoing-ttl disable; incoming-ttl 0;"));
        assertThrows(ConfigException.class, () -> parse("outgoing-ttl 256;"));
        assertThrows(ConfigException.class, () -> parse("incoming-ttl -1;"));
    }

    @Test
    void templatesGiveTheSettingsToo() throws ConfigException {
        NeighborConfig n = ConfigParser.parse("t.conf", "template { neighbor secure { md5-password k; incoming-ttl 255; } }\n"
                + "neighbor 127.0.0.2 { inherit secure; local-as 1; peer-as 2; local-address 127.0.0.1; }\n").neighbors().get(0);
        assertEquals(Optional.of("k"), n.tcp().md5Password());
        assertEquals(255, n.tcp().incomingTtl());
    }

    @Test
    void tcpAoParsesAndRunRefusesIt() throws ConfigException {
        Configuration c = parse("tcp-ao { keyid 1; algorithm HMAC-SHA-256; password my-secret-key; base64 false; }");
        assertEquals(Optional.of(new TcpSecurity.TcpAo(1, "hmac-sha-256", "my-secret-key", false)),
                c.neighbors().get(0).tcp().tcpAo());
        assertEquals(1, PeerSettingsMapper.map(c).size()); // validate accepts it
        String refusal = PeerSettingsMapper.cannotRun(c).orElseThrow();
        assertTrue(refusal.startsWith("t.conf:1:10: neighbor 127.0.0.2: tcp-ao (TCP-AO, RFC 5925) is not implemented"), refusal);
        assertFalse(refusal.contains("my-secret-key"));
        assertThrows(ConfigException.class, () -> parse("tcp-ao { keyid 1; algorithm md5; password p; }"));
        assertThrows(ConfigException.class, () -> parse("tcp-ao { keyid 256; algorithm hmac-sha-256; password p; }"));
        assertThrows(ConfigException.class, () -> parse("tcp-ao { keyid 1; password p; }"));
    }

    /** Issue 15: no setting parsed and ignored; twinbgp always keeps both Adj-RIBs, so false is refused by run. */
    @Test
    void adjRibFalseParsesAndRunRefusesIt() throws ConfigException {
        assertEquals(Optional.empty(), PeerSettingsMapper.cannotRun(parse("adj-rib-in true; adj-rib-out;")));
        Configuration defaults = parse("");
        assertTrue(defaults.neighbors().get(0).adjRibIn() && defaults.neighbors().get(0).adjRibOut(), "ExaBGP's default");
        String in = PeerSettingsMapper.cannotRun(parse("adj-rib-in false;")).orElseThrow();
        assertTrue(in.startsWith("t.conf:1:10: neighbor 127.0.0.2: adj-rib-in false is not implemented by twinbgp"), in);
        String out = PeerSettingsMapper.cannotRun(parse("adj-rib-out disable;")).orElseThrow();
        assertTrue(out.startsWith("t.conf:1:10: neighbor 127.0.0.2: adj-rib-out false is not implemented"), out);
    }

    @Test
    void theSummaryNeverShowsThePassword() throws ConfigException {
        String summary = ConfigSummary.describe(parse("md5-password s3cr3t; outgoing-ttl 255;"));
        assertTrue(summary.contains("tcp: md5 password (text, 6 octets), outgoing ttl 255"), summary);
        assertFalse(summary.contains("s3cr3t"), summary);
    }
}
