package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.capability.Negotiated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property: no input, however broken, makes the decoder (or the framer) throw, loop or fail to
 * answer; every result is a message or a {@link WireError}. Feeds 100,000 (by default) random and mutated
 * messages (bit flips, truncations, length lies, random bytes, splices) per run, seeded; the seed
 * is printed on failure and can be set with {@code -Dtwinbgp.fuzz.seed=N} or the environment
 * variable {@code TWINBGP_FUZZ_SEED=N} (the count with {@code twinbgp.fuzz.count} /
 * {@code TWINBGP_FUZZ_COUNT}). A decoded message must also re-encode and decode to itself.
 */
// A decoder that loops must fail the build, not hang it.
@org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
class MalformedInputPropertyTest {
    private static final int COUNT = Integer.parseInt(setting("twinbgp.fuzz.count", "TWINBGP_FUZZ_COUNT", "100000"));

    /** A system property (IDE, plain JUnit) or else an environment variable (inherited by surefire's forked JVM). */
    private static String setting(String property, String env, String otherwise) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? otherwise : v.trim();
    }

    @Test
    void decoderNeverThrows() {
        String fixed = setting("twinbgp.fuzz.seed", "TWINBGP_FUZZ_SEED", "");
        long seed = fixed.isEmpty() ? new SplittableRandom().nextLong() : Long.parseLong(fixed);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<List<byte[]>> seeds = new ArrayList<>();
        for (Negotiated neg : Samples.CONTEXTS) {
            List<byte[]> wires = new ArrayList<>();
            for (BgpMessage m : Samples.messages(neg)) {
                wires.add(MessageEncoder.encode(m, neg));
            }
            seeds.add(wires);
        }
        int ok = 0;
        int failed = 0;
        byte[] input = null;
        Negotiated neg = null;
        try {
            for (int i = 0; i < COUNT; i++) {
                int ctx = rnd.nextInt(Samples.CONTEXTS.size());
                // Mostly mutate a message valid in this context; sometimes one from another context.
                int from = rnd.nextInt(4) == 0 ? rnd.nextInt(seeds.size()) : ctx;
                neg = Samples.CONTEXTS.get(ctx);
                List<byte[]> pool = seeds.get(from);
                input = mutate(pool.get(rnd.nextInt(pool.size())), pool, rnd);
                Decoded d = MessageDecoder.decode(input, neg);
                switch (d) {
                    case Decoded.Ok o -> {
                        ok++;
                        checkReencodes(o.message(), neg);
                        if (ok % 64 == 0) {
                            assertNotNull(o.message().toString());
                        }
                    }
                    case Decoded.Failed f -> {
                        failed++;
                        assertNotNull(f.error().toNotification());
                    }
                }
                if (i % 16 == 0) {
                    frameInPieces(input, rnd);
                }
            }
        } catch (Throwable t) {
            fail("seed " + seed + " (rerun with TWINBGP_FUZZ_SEED=" + seed + " or -Dtwinbgp.fuzz.seed=" + seed + "), context " + neg
                    + ", input " + (input == null ? "-" : Hex.of(input)), t);
        }
        System.out.println("malformed-input property: seed " + seed + ", " + COUNT + " inputs, " + ok + " decoded, " + failed + " rejected");
        // Both outcomes must occur, else the mutations are not exercising the decoder.
        if (ok == 0 || failed == 0) {
            fail("seed " + seed + ": only " + ok + " decoded and " + failed + " rejected");
        }
    }

    /** A decoded message re-encodes, and that decodes to the same value (errors of dropped attributes aside). */
    private static void checkReencodes(BgpMessage m, Negotiated neg) {
        if (MessageEncoder.encodedLength(m, neg) > neg.maxMessageLength()) {
            return; // e.g. Extended Length forced on an End-of-RIB-like MP_UNREACH: legitimately one octet longer
        }
        byte[] again = MessageEncoder.encode(m, neg);
        BgpMessage back = MessageDecoder.decode(again, neg).message();
        if (m instanceof Update u) {
            assertEquals(u.withoutErrors(), ((Update) back).withoutErrors());
        } else {
            assertEquals(m, back);
        }
    }

    /** The framer must cut any byte stream into frames or stop with a header error, in any chunking. */
    private static void frameInPieces(byte[] input, SplittableRandom rnd) {
        MessageFramer framer = new MessageFramer();
        int p = 0;
        while (p < input.length) {
            int n = 1 + rnd.nextInt(Math.min(64, input.length - p));
            framer.feed(ByteBuffer.wrap(input, p, n), f -> MessageDecoder.decode(f, Negotiated.DEFAULT));
            p += n;
        }
    }

    private static byte[] mutate(byte[] valid, List<byte[]> pool, SplittableRandom rnd) {
        byte[] b = valid.clone();
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            switch (rnd.nextInt(9)) {
                case 0 -> { // bit flips in the body
                    int flips = 1 + rnd.nextInt(4);
                    for (int i = 0; i < flips && b.length > 19; i++) {
                        int at = 19 + rnd.nextInt(b.length - 19);
                        b[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> { // truncation, header length kept (a lie) or fixed
                    int len = rnd.nextInt(b.length + 1);
                    b = java.util.Arrays.copyOf(b, len);
                    if (len >= 19 && rnd.nextBoolean()) {
                        Bytes.put16(b, 16, len);
                    }
                }
                case 2 -> { // a length field inside the body lies (any 1- or 2-octet position)
                    if (b.length > 21) {
                        int at = 19 + rnd.nextInt(b.length - 20);
                        if (rnd.nextBoolean()) {
                            b[at] = (byte) rnd.nextInt(256);
                        } else {
                            Bytes.put16(b, at, rnd.nextInt(rnd.nextBoolean() ? 70000 : 300) & 0xFFFF);
                        }
                    }
                }
                case 3 -> { // the header length lies
                    if (b.length >= 19) {
                        Bytes.put16(b, 16, rnd.nextInt(70000) & 0xFFFF);
                    }
                }
                case 4 -> { // random bytes with a plausible header
                    int len = rnd.nextInt(200);
                    byte[] x = new byte[19 + len];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (byte) rnd.nextInt(256);
                    }
                    java.util.Arrays.fill(x, 0, 16, (byte) 0xFF);
                    Bytes.put16(x, 16, x.length);
                    x[18] = (byte) (1 + rnd.nextInt(5));
                    b = x;
                }
                case 5 -> { // splice: the head of this message, the tail of another
                    byte[] other = pool.get(rnd.nextInt(pool.size()));
                    int cut = Math.min(b.length, 19 + rnd.nextInt(Math.max(1, b.length - 18)));
                    int from = Math.min(other.length, 19 + rnd.nextInt(Math.max(1, other.length - 18)));
                    byte[] x = new byte[cut + other.length - from];
                    System.arraycopy(b, 0, x, 0, cut);
                    System.arraycopy(other, from, x, cut, other.length - from);
                    if (x.length >= 19) {
                        Bytes.put16(x, 16, x.length);
                    }
                    b = x;
                }
                case 6 -> { // insert or delete a few octets, header length fixed up
                    if (b.length > 20) {
                        int at = 19 + rnd.nextInt(b.length - 19);
                        int n = 1 + rnd.nextInt(4);
                        byte[] x;
                        if (rnd.nextBoolean()) {
                            x = new byte[b.length + n];
                            System.arraycopy(b, 0, x, 0, at);
                            for (int i = 0; i < n; i++) {
                                x[at + i] = (byte) rnd.nextInt(256);
                            }
                            System.arraycopy(b, at, x, at + n, b.length - at);
                        } else {
                            n = Math.min(n, b.length - at);
                            x = new byte[b.length - n];
                            System.arraycopy(b, 0, x, 0, at);
                            System.arraycopy(b, at + n, x, at, b.length - at - n);
                        }
                        Bytes.put16(x, 16, x.length);
                        b = x;
                    }
                }
                case 7 -> { // header damage: marker or type
                    if (b.length >= 19) {
                        b[rnd.nextBoolean() ? rnd.nextInt(16) : 18] = (byte) rnd.nextInt(256);
                    }
                }
                default -> { // a byte set to an extreme value
                    if (b.length > 19) {
                        b[19 + rnd.nextInt(b.length - 19)] = (byte) (rnd.nextBoolean() ? 0xFF : 0x00);
                    }
                }
            }
        }
        return b;
    }
}
