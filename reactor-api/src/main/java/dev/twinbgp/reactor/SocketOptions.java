package dev.twinbgp.reactor;

import java.util.Arrays;

/**
 * What a connection needs from the kernel that {@code java.net} has no option for (Linux only, set through
 * {@link dev.twinbgp.reactor.sockopt.LinuxSockets}): the TCP MD5 signature key of RFC 2385 and the two TTL
 * settings of RFC 5082 (GTSM). Protocol-agnostic: a key and two numbers, whoever the peer is.
 *
 * <p>On an outgoing connection the reactor sets them on the socket before {@code connect} (the SYN is already
 * signed). On a {@link Listener} they are given per remote address ({@link Listener#peer}): the key goes on the
 * listening socket (the kernel copies it to the connection it accepts), the TTLs on each accepted connection
 * from that address before its handler sees it.
 *
 * @param md5Key RFC 2385 key, 1 to {@value #MD5_MAX_KEY} octets, or null for none
 * @param ttl    IP TTL / IPv6 hop limit of the packets we send, 1-255, or 0 for the system's default
 * @param minTtl lowest TTL / hop limit accepted from the peer (IP_MINTTL / IPV6_MINHOPCOUNT), 1-255, or 0 for none
 */
public record SocketOptions(byte[] md5Key, int ttl, int minTtl) {
    /** TCP_MD5SIG_MAXKEYLEN of Linux (include/uapi/linux/tcp.h). */
    public static final int MD5_MAX_KEY = 80;

    /** Nothing beyond what every socket gets. */
    public static final SocketOptions NONE = new SocketOptions(null, 0, 0);

    public SocketOptions {
        if (md5Key != null) {
            if (md5Key.length == 0 || md5Key.length > MD5_MAX_KEY) {
                throw new IllegalArgumentException("a TCP MD5 key has 1 to " + MD5_MAX_KEY + " octets, not " + md5Key.length);
            }
            md5Key = md5Key.clone();
        }
        if (ttl < 0 || ttl > 255) throw new IllegalArgumentException("ttl must be 0..255: " + ttl);
        if (minTtl < 0 || minTtl > 255) throw new IllegalArgumentException("minimum ttl must be 0..255: " + minTtl);
    }

    /** A copy of the key (the record keeps its own), or null. */
    @Override
    public byte[] md5Key() {
        return md5Key == null ? null : md5Key.clone();
    }

    public boolean hasMd5() {
        return md5Key != null;
    }

    /** True when nothing is asked: no native call is needed. */
    public boolean isNone() {
        return md5Key == null && ttl == 0 && minTtl == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocketOptions s && Arrays.equals(md5Key, s.md5Key) && ttl == s.ttl && minTtl == s.minTtl;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(md5Key) * 31 * 31 + ttl * 31 + minTtl;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SocketOptions[md5=" + (md5Key != null ? "yes" : "no") + ", ttl=" + ttl + ", minTtl=" + minTtl + "]";
    }
}
