package dev.twinbgp.parity;

import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.capability.OptionalParameter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One differential fuzzing case, entirely decided by its seed: a valid session from the peer's side (OPEN
 * with a random hold time and capabilities, KEEPALIVE, UPDATEs, withdrawals, KEEPALIVEs, route refreshes,
 * End-of-RIB, maybe a closing Cease), then zero to two mutations (a bit flip, a truncation, a length lie, two
 * messages swapped, a message duplicated), then the stream cut into random fragments.
 *
 * @param seed        replays this case ({@code twinbgp parity --fuzz-case SEED})
 * @param description what was generated and mutated, for reports
 * @param chunks      the writes, in order
 */
public record FuzzCase(long seed, String description, List<byte[]> chunks) {
    private static final int PEER_AS = 65001;

    public FuzzCase {
        chunks = List.copyOf(chunks);
    }

    /** The seed of case {@code index} of a campaign started with {@code campaignSeed}. */
    public static long caseSeed(long campaignSeed, int index) {
        return new SplittableRandom(campaignSeed ^ (index * 0x9E3779B97F4A7C15L)).nextLong();
    }

    public static FuzzCase generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder what = new StringBuilder();
        boolean asn4 = r.nextInt(4) != 0;
        boolean refresh = r.nextBoolean();
        int hold = new int[] {0, 3, 30, 90, 180, 65535}[r.nextInt(6)];
        List<Capability> caps = new ArrayList<>();
        if (asn4) {
            caps.add(new Capability.FourOctetAs(PEER_AS));
        }
        if (refresh) {
            caps.add(new Capability.RouteRefresh());
        }
        if (r.nextBoolean()) {
            caps.add(new Capability.Multiprotocol(Family.IPV4_UNICAST));
        }
        List<OptionalParameter> params = new ArrayList<>();
        caps.forEach(c -> params.add(new OptionalParameter.Capabilities(List.of(c))));
        List<byte[]> messages = new ArrayList<>();
        messages.add(MessageEncoder.encode(new Open(4, PEER_AS, hold, (10L << 24) | 2, params, false), Negotiated.DEFAULT));
        messages.add(WireText.KEEPALIVE);
        what.append("hold ").append(hold).append(asn4 ? ", asn4" : "").append(refresh ? ", route-refresh" : "");
        int count = r.nextInt(7);
        for (int i = 0; i < count; i++) {
            switch (r.nextInt(6)) {
                case 0, 1, 2 -> messages.add(update(r, asn4));
                case 3 -> messages.add(withdraw(r));
                case 4 -> messages.add(WireText.KEEPALIVE);
                default -> messages.add(refresh ? WireText.message(5, new byte[] {0, 1, 0, 1}) : WireText.message(2, new byte[4]));
            }
        }
        if (r.nextInt(3) == 0) {
            messages.add(WireText.message(3, new byte[] {6, (byte) (1 + r.nextInt(8))}));
        }
        what.append(", ").append(messages.size()).append(" messages");
        int mutations = r.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            mutate(r, messages, what);
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        messages.forEach(stream::writeBytes);
        if (r.nextInt(8) == 0) {
            byte[] all = stream.toByteArray();
            int cut = r.nextInt(all.length + 1);
            stream.reset();
            stream.write(all, 0, cut);
            what.append(", stream truncated at ").append(cut);
        }
        return new FuzzCase(seed, what.toString(), fragment(r, stream.toByteArray(), what));
    }

    private static void mutate(SplittableRandom r, List<byte[]> messages, StringBuilder what) {
        int i = r.nextInt(messages.size());
        byte[] m = messages.get(i).clone();
        if (m.length == 0) {
            return; // already truncated to nothing
        }
        switch (r.nextInt(5)) {
            case 0 -> {
                int bit = r.nextInt(m.length * 8);
                m[bit / 8] ^= (byte) (1 << (bit % 8));
                what.append(", bit ").append(bit).append(" of message ").append(i).append(" flipped");
            }
            case 1 -> {
                int length = r.nextInt(m.length);
                m = java.util.Arrays.copyOf(m, length);
                what.append(", message ").append(i).append(" truncated to ").append(length);
            }
            case 2 -> {
                if (m.length < WireText.HEADER) {
                    return; // no Length field left to lie in
                }
                int lie = r.nextBoolean() ? m.length + 1 + r.nextInt(8) : Math.max(0, m.length - 1 - r.nextInt(8));
                m[16] = (byte) (lie >>> 8);
                m[17] = (byte) lie;
                what.append(", message ").append(i).append(" says length ").append(lie);
            }
            case 3 -> {
                if (i + 1 < messages.size()) {
                    messages.set(i, messages.get(i + 1));
                    messages.set(i + 1, m);
                    what.append(", messages ").append(i).append(" and ").append(i + 1).append(" swapped");
                }
                return;
            }
            default -> {
                messages.add(i, m);
                what.append(", message ").append(i).append(" duplicated");
                return;
            }
        }
        messages.set(i, m);
    }

    private static List<byte[]> fragment(SplittableRandom r, byte[] all, StringBuilder what) {
        List<byte[]> chunks = new ArrayList<>();
        int style = r.nextInt(4);
        what.append(switch (style) {
            case 0 -> ", one write";
            case 1 -> ", 1-octet writes";
            default -> ", random fragments";
        });
        int off = 0;
        while (off < all.length) {
            int n = switch (style) {
                case 0 -> all.length;
                case 1 -> 1;
                default -> 1 + r.nextInt(64);
            };
            n = Math.min(n, all.length - off);
            chunks.add(java.util.Arrays.copyOfRange(all, off, off + n));
            off += n;
        }
        return chunks;
    }

    /** ORIGIN, AS_PATH [65001], NEXT_HOP, maybe MED and a community, 1-3 random IPv4 prefixes (RFC 4271 4.3). */
    private static byte[] update(SplittableRandom r, boolean asn4) {
        ByteArrayOutputStream attrs = new ByteArrayOutputStream();
        attrs.writeBytes(new byte[] {0x40, 1, 1, (byte) r.nextInt(3)});
        if (asn4) {
            attrs.writeBytes(new byte[] {0x40, 2, 6, 2, 1, 0, 0, (byte) 0xFD, (byte) 0xE9});
        } else {
            attrs.writeBytes(new byte[] {0x40, 2, 4, 2, 1, (byte) 0xFD, (byte) 0xE9});
        }
        attrs.writeBytes(new byte[] {0x40, 3, 4, 10, 0, 0, 2});
        if (r.nextBoolean()) {
            attrs.writeBytes(new byte[] {(byte) 0x80, 4, 4, 0, 0, 0, (byte) r.nextInt(256)});
        }
        if (r.nextBoolean()) {
            attrs.writeBytes(new byte[] {(byte) 0xC0, 8, 4, (byte) 0xFD, (byte) 0xE9, 0, (byte) r.nextInt(256)});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 0});
        byte[] a = attrs.toByteArray();
        body.writeBytes(new byte[] {(byte) (a.length >>> 8), (byte) a.length});
        body.writeBytes(a);
        body.writeBytes(prefixes(r));
        return WireText.message(2, body.toByteArray());
    }

    private static byte[] withdraw(SplittableRandom r) {
        byte[] p = prefixes(r);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {(byte) (p.length >>> 8), (byte) p.length});
        body.writeBytes(p);
        body.writeBytes(new byte[] {0, 0});
        return WireText.message(2, body.toByteArray());
    }

    /** 1-3 prefixes from a small space (10.0-3.x.0/8-24), so withdrawals often hit announced routes. */
    private static byte[] prefixes(SplittableRandom r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int length = new int[] {8, 16, 24}[r.nextInt(3)];
            byte[] address = {10, (byte) r.nextInt(4), (byte) r.nextInt(4), 0};
            out.write(length);
            out.write(address, 0, (length + 7) / 8);
        }
        return out.toByteArray();
    }
}
