package dev.twinbgp.speaker.config;

/**
 * A prefix read by hand from a line, exactly as the grammar ({@link RouteParser#prefix}) reads it, or null when it
 * is not the plain form and the grammar must read it (and word its error): the fast paths of API route lines
 * ({@code RouteLines}) and of configured static routes ({@link StaticRouteText}) share it (issue 18).
 */
public final class PrefixText {
    private PrefixText() {
    }

    /**
     * {@code text[start, end)} as a prefix, exactly as the grammar reads it, or null when it is not the
     * plain form: {@code A.B.C.D/LEN} (parts 0-255 without leading zeros, LEN 0-32 without leading zeros) or
     * {@code IPV6/LEN}, host bits clear.
     */
    public static Prefix parse(String text, int start, int end) {
        int slash = text.indexOf('/', start);
        if (slash < 0 || slash >= end) {
            return null;
        }
        if (text.lastIndexOf(':', slash) < start) {
            long ipv4 = ipv4(text, null, start, slash, end);
            return ipv4 < 0 ? null : new Prefix(IpAddress.ofIpv4(ipv4 >>> 8), (int) (ipv4 & 0xFF));
        }
        IpAddress address;
        try {
            address = IpAddress.parse(text.substring(start, slash));
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
        int length = number(text, null, slash + 1, end, address.isIpv4() ? 32 : 128);
        if (length < 0) {
            return null;
        }
        try {
            return new Prefix(address, length);
        } catch (IllegalArgumentException hostBits) {
            return null; // the full parse says which bits
        }
    }

    /**
     * {@code text[start, end)} as an IPv4 prefix in the plain form {@link #parse} reads, host bits clear, as one
     * number - the address's 32 bits, then 8 bits of length - or -1 (anything else, IPv6 included). Nothing is
     * allocated: {@code AnnounceShortcut} checks a line it learns from with it.
     */
    public static long ipv4(String text, int start, int end) {
        return ipv4(text, null, start, end);
    }

    /**
     * The same read from octets (each one character, ISO 8859-1), without a String: the API's repeated announce
     * lines ({@code AnnounceShortcut}) take their prefix from the reader's buffer with it.
     */
    public static long ipv4(byte[] octets, int start, int end) {
        return ipv4(null, octets, start, end);
    }

    // a String or octets, as IpAddress.ipv4Value reads them
    private static long ipv4(String text, byte[] octets, int start, int end) {
        for (int slash = start; slash < end; slash++) {
            if (IpAddress.charAt(text, octets, slash) == '/') {
                return ipv4(text, octets, start, slash, end);
            }
        }
        return -1;
    }

    private static long ipv4(String text, byte[] octets, int start, int slash, int end) {
        long address = IpAddress.ipv4Value(text, octets, start, slash);
        int length = address < 0 ? -1 : number(text, octets, slash + 1, end, 32);
        if (length < 0 || (length < 32 && (address & 0xFFFF_FFFFL >>> length) != 0)) {
            return -1; // host bits set: the full parse says which
        }
        return address << 8 | length;
    }

    /** The decimal {@code text[start, end)} (or the octets') in 0..max, without leading zeros, or -1. */
    private static int number(String text, byte[] octets, int start, int end, int max) {
        int n = end - start;
        if (n < 1 || n > 3 || (n > 1 && IpAddress.charAt(text, octets, start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            int c = IpAddress.charAt(text, octets, i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }
}
