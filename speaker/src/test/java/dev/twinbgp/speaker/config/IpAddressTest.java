package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "0.0.0.0, 0.0.0.0",
        "2A02:B80:0:1::1, 2a02:b80:0:1::1",
        "::, ::",
        "::1, ::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::ffff:1.2.3.4, ::ffff:102:304",
        "fe80::, fe80::",
    })
    void parsesAndPrintsCanonically(String written, String canonical) {
        assertEquals(canonical, IpAddress.parse(written).toString());
        assertEquals(IpAddress.parse(written), IpAddress.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "example.com",
        ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "g::1", "::1.2.3",
        "1.2.3.4::", " 1.2.3.4"})
    void refusesNonLiterals(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
    }
}
