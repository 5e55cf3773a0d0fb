package dev.twinbgp.bgp.wire.family.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Route Target Constraint NLRI (RFC 4684 section 4) shown as ExaBGP shows it; no input makes it throw. */
class RtcCodecTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final FamilyCodec CODEC = Families.codec(Family.IPV4_RTC);

    private static Map<String, Object> describe(byte[] nlri) {
        Map<String, Object> out = new LinkedHashMap<>();
        CODEC.describe(Family.IPV4_RTC, nlri, new FamilyCodec.Fields() {
            @Override
            public void list(String name, List<String> values) {
                out.put(name, values);
            }

            @Override
            public void string(String name, String value) {
                out.put(name, value);
            }

            @Override
            public void number(String name, long value) {
                out.put(name, value);
            }

            @Override
            public void none(String name) {
                out.put(name, "NULL");
            }
        });
        return out;
    }

    @Test
    void membershipsOfEveryLength() {
        // two full memberships (target:65000:1, target:10.0.0.1:7), the default, a 40-bit prefix, in one field
        byte[] field = HEX.parseHex("60" + "0000FDE8" + "0002FDE800000001"
                + "60" + "0000FDE8" + "01020A0000010007" + "00" + "28" + "0000FDE8" + "00");
        Nlri nlri = Nlri.wrap(Family.IPV4_RTC, false, field, 0, field.length);
        assertNotNull(nlri);
        assertNull(nlri.malformed());
        List<byte[]> routes = nlri.routes().stream().map(r -> ((NlriRoute) r).nlri()).toList();
        assertEquals(4, routes.size());
        assertEquals(Map.of("origin", 65000L, "route-target", "target:65000:1"), describe(routes.get(0)));
        assertEquals(Map.of("origin", 65000L, "route-target", "target:10.0.0.1:7"), describe(routes.get(1)));
        assertEquals(Map.of("origin", 0L, "route-target", "NULL"), describe(routes.get(2)));
        assertEquals(Map.of("origin", 65000L, "route-target", "NULL", "prefix-length", 40L, "route-target-prefix", "0x00"),
                describe(routes.get(3)));
        assertEquals("rtc 65000:target:65000:1", nlri.routes().get(0).toString());
        assertEquals("rtc wildcard", nlri.routes().get(2).toString());
    }

    @Test
    void lengthsOutsideTheRfcAreMalformed() {
        byte[] short16 = HEX.parseHex("100001");
        assertNotNull(CODEC.malformed(Family.IPV4_RTC, short16, 0, short16.length));
        byte[] long104 = HEX.parseHex("68" + "0000FDE8" + "0002FDE80000000100");
        assertNotNull(CODEC.malformed(Family.IPV4_RTC, long104, 0, long104.length));
        assertEquals(Map.of("raw", "0x100001"), describe(short16));
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(System.nanoTime());
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(30)];
            r.nextBytes(b);
            Nlri nlri = Nlri.wrap(Family.IPV4_RTC, r.nextInt(8) == 0, b, 0, b.length);
            if (nlri != null) {
                nlri.forEachRoute(route -> {
                    route.toString();
                    describe(((NlriRoute) route).nlri());
                });
            }
        }
    }
}
