package dev.twinbgp.reactor.sockopt;

import dev.twinbgp.reactor.SocketOptions;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channel;

/**
 * The socket options {@code java.net} lacks, set with setsockopt(2) on a channel's file descriptor, shared by every
 * reactor (none depends on another): TCP_MD5SIG (RFC 2385) and IP_TTL / IP_MINTTL / IPV6_UNICAST_HOPS /
 * IPV6_MINHOPCOUNT (RFC 5082, GTSM). Linux only; {@link #unavailable()} says in one sentence why a host cannot.
 *
 * <p>Three things must hold: Linux; Java 22 or newer for the foreign function API ({@code FfmCalls}, with native
 * access enabled); and, for the JDK's own channels (selector and virtual reactors, Netty's NIO transport), their
 * descriptor, which only {@code sun.nio.ch} knows: the runnable jar's manifest exports it
 * ({@code Add-Exports: java.base/sun.nio.ch}), the tests pass {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}.
 *
 * <p>Java opens IPv6 sockets (dual stack) unless told otherwise, so the socket's own family (SO_DOMAIN) decides
 * how an address is written: an IPv4 peer on an IPv6 socket is {@code ::ffff:a.b.c.d}, which the kernel files as
 * an IPv4 key (net/ipv6/tcp_ipv6.c, tcp_v6_parse_md5_keys), and the IPv4 TTL options apply to it as well.
 */
public final class LinuxSockets {
    private static final int SOL_SOCKET = 1;
    private static final int SO_DOMAIN = 39;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int IP_MINTTL = 21;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_MINHOPCOUNT = 73;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_MD5SIG = 14;
    /** struct tcp_md5sig: a 128-octet sockaddr_storage, flags, prefix length, key length, ifindex, 80-octet key. */
    private static final int MD5SIG_SIZE = 216;

    private LinuxSockets() {
    }

    /** Loaded once: the native calls and the descriptor accessor, or why not. */
    private static final class Support {
        static final NativeCalls CALLS;
        static final MethodHandle FD_VAL;
        static final String UNAVAILABLE;

        static {
            NativeCalls calls = null;
            MethodHandle fdVal = null;
            String why = null;
            String os = System.getProperty("os.name", "?");
            if (!os.startsWith("Linux")) {
                why = "TCP MD5 and TTL security need Linux, and this is " + os;
            } else {
                try {
                    calls = (NativeCalls) Class.forName(LinuxSockets.class.getPackageName() + ".FfmCalls")
                            .getDeclaredConstructor().newInstance();
                } catch (ClassNotFoundException | LinkageError e) {
                    why = "TCP MD5 and TTL security need Java 22 or newer (the foreign function API), and this is Java "
                            + Runtime.version().feature();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    why = "TCP MD5 and TTL security need native access (--enable-native-access=ALL-UNNAMED): " + e;
                }
                try {
                    Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
                    fdVal = MethodHandles.lookup().findVirtual(selCh, "getFDVal", MethodType.methodType(int.class));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    if (why == null) {
                        why = "TCP MD5 and TTL security need the JVM option --add-exports java.base/sun.nio.ch=ALL-UNNAMED"
                                + " (the twinbgp jar's manifest sets it when started with java -jar)";
                    }
                }
            }
            CALLS = why == null ? calls : null;
            FD_VAL = fdVal;
            UNAVAILABLE = why;
        }
    }

    /** Null when this host can set the options, else one sentence saying why not. */
    public static String unavailable() {
        return Support.UNAVAILABLE;
    }

    private static NativeCalls calls() throws IOException {
        if (Support.CALLS == null) throw new IOException(Support.UNAVAILABLE);
        return Support.CALLS;
    }

    /** The file descriptor of one of the JDK's socket channels (SocketChannel, ServerSocketChannel). */
    public static int fd(Channel channel) throws IOException {
        calls();
        try {
            return (int) Support.FD_VAL.invoke(channel);
        } catch (Throwable e) {
            throw new IOException("no file descriptor for " + channel + ": " + e, e);
        }
    }

    /**
     * Everything {@code options} asks for on a socket about to connect to {@code remote}: the MD5 key for it and
     * the TTLs. Call it before connect: the SYN must already carry the signature (RFC 2385 section 2).
     */
    public static void beforeConnect(int fd, InetAddress remote, SocketOptions options) throws IOException {
        if (options.hasMd5()) md5(fd, remote, options.md5Key());
        ttls(fd, options);
    }

    /**
     * Sets ({@code key} non-null) or deletes ({@code key} null) the MD5 key for connections with {@code remote}
     * on a listening or connecting socket. Deleting a key that is not there is not an error.
     */
    public static void md5(int fd, InetAddress remote, byte[] key) throws IOException {
        NativeCalls calls = calls();
        boolean v6Socket = calls.getInt(fd, SOL_SOCKET, SO_DOMAIN) == AF_INET6;
        ByteBuffer sig = ByteBuffer.allocate(MD5SIG_SIZE).order(ByteOrder.nativeOrder());
        // struct sockaddr_in { sa_family_t (host order); in_port_t (network order, 0); struct in_addr; }
        // struct sockaddr_in6 { sa_family_t; in_port_t; uint32 flowinfo; struct in6_addr; uint32 scope_id; }
        byte[] address = remote.getAddress();
        if (v6Socket) {
            sig.putShort(0, (short) AF_INET6);
            byte[] six = address;
            if (remote instanceof Inet4Address) {
                six = new byte[16];
                six[10] = (byte) 0xff;
                six[11] = (byte) 0xff;
                System.arraycopy(address, 0, six, 12, 4);
            }
            sig.put(8, six);
        } else {
            if (!(remote instanceof Inet4Address)) {
                throw new IOException("an IPv4 socket has no MD5 key for the IPv6 address " + remote.getHostAddress());
            }
            sig.putShort(0, (short) AF_INET);
            sig.put(4, address);
        }
        // offset 128: u8 flags, u8 prefixlen, u16 keylen, int ifindex, u8 key[80]; key length 0 deletes
        if (key != null) {
            sig.putShort(130, (short) key.length);
            sig.put(136, key);
        }
        try {
            calls.set(fd, IPPROTO_TCP, TCP_MD5SIG, sig.array());
        } catch (IOException e) {
            if (key == null) return; // ENOENT: there was no key
            throw new IOException("cannot set the TCP MD5 key for " + remote.getHostAddress() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The TTL settings of {@code options}, on the IPv4 options always and on the IPv6 ones too for an IPv6 socket
     * (its peer may be IPv4-mapped or IPv6). Zero leaves a setting alone.
     */
    public static void ttls(int fd, SocketOptions options) throws IOException {
        if (options.ttl() == 0 && options.minTtl() == 0) return;
        NativeCalls calls = calls();
        boolean v6Socket = calls.getInt(fd, SOL_SOCKET, SO_DOMAIN) == AF_INET6;
        try {
            if (options.ttl() != 0) {
                calls.set(fd, IPPROTO_IP, IP_TTL, intValue(options.ttl()));
                if (v6Socket) calls.set(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, intValue(options.ttl()));
            }
            if (options.minTtl() != 0) {
                calls.set(fd, IPPROTO_IP, IP_MINTTL, intValue(options.minTtl()));
                if (v6Socket) calls.set(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, intValue(options.minTtl()));
            }
        } catch (IOException e) {
            throw new IOException("cannot set the TTL (" + options + "): " + e.getMessage(), e);
        }
    }

    /** Sets the TTL / hop limit of what a socket sends; 0 puts back the system's default. */
    public static void ttl(int fd, int ttl) throws IOException {
        NativeCalls calls = calls();
        boolean v6Socket = calls.getInt(fd, SOL_SOCKET, SO_DOMAIN) == AF_INET6;
        int value = ttl == 0 ? -1 : ttl; // -1: the route's default (ip(7), ipv6(7))
        try {
            calls.set(fd, IPPROTO_IP, IP_TTL, intValue(value));
            if (v6Socket) calls.set(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, intValue(value));
        } catch (IOException e) {
            throw new IOException("cannot set the TTL to " + ttl + ": " + e.getMessage(), e);
        }
    }

    /** IP_TTL of a socket (tests show what the reactors set). */
    public static int ttl(int fd) throws IOException {
        return calls().getInt(fd, IPPROTO_IP, IP_TTL);
    }

    /** IP_MINTTL of a socket. */
    public static int minTtl(int fd) throws IOException {
        return calls().getInt(fd, IPPROTO_IP, IP_MINTTL);
    }

    private static byte[] intValue(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value).array();
    }
}
