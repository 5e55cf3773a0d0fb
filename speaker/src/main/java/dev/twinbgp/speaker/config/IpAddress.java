package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.Arrays;

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address. Immutable: the bytes are copied in and out. */
public record IpAddress(byte[] bytes) {

    public IpAddress {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** {@link Family#AFI_IPV4} or {@link Family#AFI_IPV6}. */
    public int afi() {
        return isIpv4() ? Family.AFI_IPV4 : Family.AFI_IPV6;
    }

    /** The address as an unsigned 32-bit number (IPv4 only, e.g. for a router id). */
    public long toUnsignedInt() {
        if (!isIpv4()) {
            throw new IllegalStateException("not an IPv4 address: " + this);
        }
        return ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL);
    }

    /**
     * Parses a literal: dotted quad ({@code 10.0.0.1}, four decimal parts 0-255, no leading zeros beyond one
     * digit) or IPv6 (RFC 4291 section 2.2, including {@code ::} and a trailing dotted quad). Never resolves names.
     *
     * @throws IllegalArgumentException if {@code text} is not such a literal
     */
    public static IpAddress parse(String text) {
        byte[] parsed = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
        if (parsed == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return new IpAddress(parsed);
    }

    private static byte[] parseIpv4(String text) {
        long value = ipv4Value(text, 0, text.length());
        return value < 0 ? null : ipv4Bytes(value);
    }

    /**
     * {@code text[from, to)} as a dotted quad - four decimal parts 0-255, no leading zeros beyond one digit, nothing
     * else - as an unsigned 32-bit number, or -1. One pass over the characters, nothing allocated: every API route
     * line has a prefix and each new attribute set a next hop (issue 18: the reader thread's address parsing, a
     * search for each dot and a loop per part, was a tenth of its samples for 1,000,000 lines).
     */
    static long ipv4Value(String text, int from, int to) {
        return ipv4Value(text, null, from, to);
    }

    /**
     * The same read from {@code text}, or from {@code octets} when they are given (each one character, ISO 8859-1:
     * the API reader's repeated lines are read from their octets, never made a String). One loop for both, one
     * branch per character that never changes its way within a call (C2 moves it out of the loop). Not a
     * {@link CharSequence}: with the JIT's quick compiler alone (the launcher's, bin/jvm-options) its {@code charAt}
     * is an interface call per character, which C1 does not inline - 0.05-0.07 s of the reader's 0.7 s for
     * 1,000,000 API lines.
     */
    static long ipv4Value(String text, byte[] octets, int from, int to) {
        long value = 0;
        int part = 0;
        int digits = 0;
        int dots = 0;
        for (int i = from; i < to; i++) {
            int c = charAt(text, octets, i);
            if (c >= '0' && c <= '9') {
                if (digits == 3 || digits == 1 && part == 0) {
                    return -1; // a fourth digit, or a digit after a leading zero
                }
                part = part * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && dots < 3 && part <= 255) {
                value = value << 8 | part;
                part = 0;
                digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && digits > 0 && part <= 255 ? value << 8 | part : -1;
    }

    /** Character {@code i} of {@code text}, or octet {@code i} of {@code octets} when they are given (ISO 8859-1). */
    static int charAt(String text, byte[] octets, int i) {
        return octets != null ? octets[i] & 0xFF : text.charAt(i);
    }

    /** The address {@code value} (an unsigned 32-bit number, as {@link #ipv4Value} gives it). */
    static IpAddress ofIpv4(long value) {
        return new IpAddress(ipv4Bytes(value));
    }

    static byte[] ipv4Bytes(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    // RFC 4291 section 2.2: x:x:x:x:x:x:x:x, '::' once for a run of zero groups, x:x:x:x:x:x:d.d.d.d
    private static byte[] parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon < 0);
        int[] tailGroups = doubleColon >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if ((doubleColon < 0 && total != 8) || (doubleColon >= 0 && total > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        int offset = 8 - tailGroups.length;
        for (int i = 0; i < tailGroups.length; i++) {
            out[2 * (offset + i)] = (byte) (tailGroups[i] >> 8);
            out[2 * (offset + i) + 1] = (byte) tailGroups[i];
        }
        return out;
    }

    /** 16-bit groups of one side of '::'; a dotted quad is allowed as the last part of the address only. */
    private static int[] groups(String side, boolean mayEndInIpv4) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int[] out = new int[parts.length + 1];
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && mayEndInIpv4 && part.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(part);
                if (v4 == null) {
                    return null;
                }
                out[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                return null;
            }
            out[count++] = Integer.parseInt(part, 16);
        }
        return Arrays.copyOf(out, count);
    }

    /** True when a bit at or after {@code length} is set (a prefix of that length would have host bits). */
    boolean hasHostBits(int length) {
        return Prefix.hasHostBits(bytes, length); // the array itself: no copy per route (issue 18)
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Dotted quad, or IPv6 in the RFC 5952 canonical form (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        if (isIpv4()) {
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
