package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.family.Family;

import java.util.Arrays;

/**
 * OPERATIONAL message (message type 6, draft-ietf-idr-operational-message, as ExaBGP implements it;
 * only sent and accepted when both sides advertised capability 185).
 * <pre>
 *  0                   1                   2                   3
 * +-------------------------------+-------------------------------+
 * |         Type (what)           |     Length (of what follows)  |
 * +-------------------------------+---------------+---------------+
 * |             AFI               |     SAFI      |  data ...     |
 * +-------------------------------+---------------+---------------+
 *  advisory (ADM 1, ASM 2):         data = UTF-8 text (at most 2048 octets)
 *  query (RPCQ 3, APCQ 5, LPCQ 7):  data = router-id (4), sequence (4)
 *  counter (RPCP 4, APCP 6, LPCP 8): data = router-id (4), sequence (4), counter (4)
 * </pre>
 * Other types are kept as received (open set), as ExaBGP ignores them.
 *
 * @param what the operational type
 * @param afi  address family
 * @param safi subsequent address family
 * @param data the octets after AFI/SAFI
 */
public record Operational(int what, int afi, int safi, byte[] data) implements BgpMessage {
    public static final int ADM = 1;
    public static final int ASM = 2;
    public static final int RPCQ = 3;
    public static final int RPCP = 4;
    public static final int APCQ = 5;
    public static final int APCP = 6;
    public static final int LPCQ = 7;
    public static final int LPCP = 8;
    /** ExaBGP truncates an advisory to this many octets (the last three replaced by "..."). */
    public static final int MAX_ADVISORY = 2048;

    public Operational {
        data = data.clone();
    }

    /** ADM or ASM with {@code text}, truncated as ExaBGP does beyond {@link #MAX_ADVISORY} octets. */
    public static Operational advisory(int what, Family family, String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length > MAX_ADVISORY) {
            byte[] cut = Arrays.copyOf(utf8, MAX_ADVISORY);
            cut[MAX_ADVISORY - 3] = cut[MAX_ADVISORY - 2] = cut[MAX_ADVISORY - 1] = '.';
            utf8 = cut;
        }
        return new Operational(what, family.afi(), family.safi(), utf8);
    }

    /** A query (RPCQ/APCQ/LPCQ): router-id and sequence. */
    public static Operational query(int what, Family family, long routerId, long sequence) {
        byte[] d = new byte[8];
        Bytes.put32(d, 0, (int) routerId);
        Bytes.put32(d, 4, (int) sequence);
        return new Operational(what, family.afi(), family.safi(), d);
    }

    /** A counter reply (RPCP/APCP/LPCP): router-id, sequence and counter. */
    public static Operational counter(int what, Family family, long routerId, long sequence, long counter) {
        byte[] d = new byte[12];
        Bytes.put32(d, 0, (int) routerId);
        Bytes.put32(d, 4, (int) sequence);
        Bytes.put32(d, 8, (int) counter);
        return new Operational(what, family.afi(), family.safi(), d);
    }

    public Family family() {
        return new Family(afi, safi);
    }

    /** ExaBGP's name of the type ("ADM", "RPCQ", ...), or null for a type it does not know. */
    public String name() {
        return switch (what) {
            case ADM -> "ADM";
            case ASM -> "ASM";
            case RPCQ -> "RPCQ";
            case RPCP -> "RPCP";
            case APCQ -> "APCQ";
            case APCP -> "APCP";
            case LPCQ -> "LPCQ";
            case LPCP -> "LPCP";
            default -> null;
        };
    }

    /** ExaBGP's category: "advisory", "query", "counter", or null. */
    public String category() {
        return switch (what) {
            case ADM, ASM -> "advisory";
            case RPCQ, APCQ, LPCQ -> "query";
            case RPCP, APCP, LPCP -> "counter";
            default -> null;
        };
    }

    /** The advisory text (UTF-8, malformed sequences replaced). */
    public String advisory() {
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }

    public long routerId() {
        return data.length >= 4 ? Bytes.u32(data, 0) : 0;
    }

    public long sequence() {
        return data.length >= 8 ? Bytes.u32(data, 4) : 0;
    }

    public long counter() {
        return data.length >= 12 ? Bytes.u32(data, 8) : 0;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public MessageType type() {
        return MessageType.OPERATIONAL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Operational p && p.what == what && p.afi == afi && p.safi == safi
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return ((what * 31 + afi) * 31 + safi) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Operational[what=" + what + ", afi=" + afi + ", safi=" + safi + ", data=" + Bytes.hex(data) + "]";
    }
}
