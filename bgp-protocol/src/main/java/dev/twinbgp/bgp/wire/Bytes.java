package dev.twinbgp.bgp.wire;

import java.util.HexFormat;

/** Big-endian reads and writes on byte arrays (network byte order, RFC 4271 section 4). */
public final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    public static long u32(byte[] b, int i) {
        return s32(b, i) & 0xFFFFFFFFL;
    }

    public static int s32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    public static long s64(byte[] b, int i) {
        return (long) s32(b, i) << 32 | (s32(b, i + 4) & 0xFFFFFFFFL);
    }

    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    public static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }

    public static byte[] slice(byte[] b, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, from, out, 0, length);
        return out;
    }

    public static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    public static String ipv4(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    /**
     * RFC 5952 section 4 text form: lower case, leading zeros dropped, longest run (>= 2) of zero groups as "::";
     * an IPv4-mapped address ends in a dotted quad, {@code ::ffff:192.0.2.1} (RFC 5952 section 5, as ExaBGP prints it).
     */
    public static String ipv6(byte[] a, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = u16(a, off + 2 * i);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF) {
            return "::ffff:" + ipv4(s32(a, off + 12));
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Dotted quad to int, or throws IllegalArgumentException (for API input, never wire input). */
    public static int parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            v = v << 8 | octet;
        }
        return v;
    }

    /** IPv6 literal (RFC 4291 section 2.2 forms, including embedded IPv4) to 16 bytes; IllegalArgumentException otherwise. */
    public static byte[] parseIpv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            throw new IllegalArgumentException("not an IPv6 address: " + s);
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] hg = groups(head, s, dbl < 0 || tail.isEmpty());
        int[] tg = groups(tail, s, true);
        int total = hg.length + tg.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            throw new IllegalArgumentException("not an IPv6 address: " + s);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < hg.length; i++) {
            put16(out, 2 * i, hg[i]);
        }
        for (int i = 0; i < tg.length; i++) {
            put16(out, 16 - 2 * (tg.length - i), tg[i]);
        }
        return out;
    }

    private static int[] groups(String part, String whole, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        int n = items.length;
        boolean v4 = mayEndWithIpv4 && items[n - 1].contains(".");
        int[] g = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String it = items[i];
            if (v4 && i == n - 1) {
                int a = parseIpv4(it);
                g[i] = a >>> 16;
                g[i + 1] = a & 0xFFFF;
                break;
            }
            if (it.isEmpty() || it.length() > 4) {
                throw new IllegalArgumentException("not an IPv6 address: " + whole);
            }
            try {
                g[i] = Integer.parseInt(it, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + whole, e);
            }
            if (it.startsWith("+") || it.startsWith("-")) {
                throw new IllegalArgumentException("not an IPv6 address: " + whole);
            }
        }
        return g;
    }
}
