package dev.twinbgp.cli;

import dev.twinbgp.bgp.rib.AdjRibOut;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The AOT training's raw feeder (issue 18, {@link AotTraining}): a peer that is no speaker but the minimum - as the
 * daemon benchmark's sender is - pushing a diverse IPv4 table of pre-encoded UPDATEs into the training daemon's
 * passive neighbor, so that the cache's method profiles come from the path a user's daemon runs when a router sends
 * it a full table: the reactor's reads, the framer, {@code PeerDriver}, the UPDATE's attribute scan, the Adj-RIB-In
 * and, with {@code --events}, the JSON listener and the events writer. Before it, the training's only receive path
 * was the other neighbor's 20,000 static routes of one attribute set per 4 routes with a single community: the
 * framer's loop never left C1 in training, and the measured daemon's C2 then worked 1.2-1.5 s through the first
 * 1M-route transfer with events (docs/benchmarks.md, "Cold receive with events, third look"). Opt-in
 * ({@code TWINBGP_AOT_FEED_ROUTES}): on JDK 25 it did not pay - the cache held profiles, not compiled code, and with
 * these profiles C2 compiled more during the first transfer (docs/benchmarks.md, "The AOT training through the real
 * receive path"); it is kept for a JDK whose cache holds compiled methods. (Since "The AOT cache without method
 * profiles" the training records none: bin/aot-train.)
 *
 * <p>The table is the daemon benchmark's diverse shape (about 4 prefixes per attribute set: ORIGIN varied, AS_PATH
 * of 1-10 ASes, MED, LOCAL_PREF, 0-6 communities), sent {@code transfers} times; between two transfers the session
 * is reset as the benchmark resets it (NOTIFICATION Cease / Administrative Reset, RFC 4486, close, connect again,
 * OPEN), so the state, OPEN and NOTIFICATION events and the session's teardown are in the profiles too.
 *
 * <p>Usage (system property {@code twinbgp.aot.feed}): {@code LOCAL,PEER,PORT,ASN,ROUTES,TRANSFERS}.
 */
final class AotFeed implements Runnable {
    private static final int HOLD_TIME = 240;
    private static final int FIRST_ADDRESS = 40 << 24;

    private final String local;
    private final InetSocketAddress peer;
    private final long asn;
    private final int routes;
    private final int transfers;

    private AotFeed(String local, InetSocketAddress peer, long asn, int routes, int transfers) {
        this.local = local;
        this.peer = peer;
        this.asn = asn;
        this.routes = routes;
        this.transfers = transfers;
    }

    /** Starts the feeder of {@code spec} ({@code LOCAL,PEER,PORT,ASN,ROUTES,TRANSFERS}) on a daemon thread. */
    static void start(String spec) {
        String[] f = spec.split(",");
        AotFeed feed = new AotFeed(f[0], new InetSocketAddress(f[1], Integer.parseInt(f[2])), Long.parseLong(f[3]),
                Integer.parseInt(f[4]), Integer.parseInt(f[5]));
        Thread.ofPlatform().daemon().name("aot-feed").start(feed);
    }

    @Override
    public void run() {
        try {
            byte[] table = table();
            for (int i = 0; i < transfers; i++) {
                Session s = connect();
                write(s.channel(), table);
                if (i + 1 < transfers) {
                    reset(s);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a training with less in it, never a failed one: the daemon's other neighbors still train the cache
            System.err.println("aot-feed: " + e);
        }
    }

    /** An Established session: its channel and the thread draining what the daemon sends on it. */
    private record Session(SocketChannel channel, Thread reader) {}

    /**
     * Ends a session as a speaker does (RFC 4271 section 6.7, RFC 4486): NOTIFICATION Cease / Administrative Reset,
     * then waits for the daemon to close its end before closing ours. The race this avoids: closing right after the
     * NOTIFICATION while the daemon is still reading the table (its receive buffer full of UPDATEs) made the kernel
     * answer the daemon's next KEEPALIVE or End-of-RIB with a RST, and a RST discards whatever the daemon had not read
     * yet - the first transfer then lost its tail and its End-of-RIB, and the training script waited its full 120 s
     * for an End-of-RIB that never came (seen on CI, 2026-12-07). TCP keeps order, so the daemon's FIN comes after
     * it has read every UPDATE before the NOTIFICATION.
     */
    private static void reset(Session s) throws IOException {
        write(s.channel(), message(3, new byte[] {6, 4})); // Cease, Administrative Reset (RFC 4486)
        s.channel().shutdownOutput();
        try {
            s.reader().join(60_000); // the reader ends at the daemon's FIN
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s.channel().close();
    }

    /** Connects until the session is Established (the daemon may hold the neighbor idle for a while after a reset). */
    private Session connect() throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            SocketChannel c = SocketChannel.open();
            try {
                c.bind(new InetSocketAddress(local, 0));
                c.connect(peer);
                write(c, open());
                if (established(c)) {
                    return new Session(c, Thread.ofPlatform().daemon().name("aot-feed-reader").start(() -> drain(c)));
                }
            } catch (IOException e) {
                last = e;
            }
            c.close();
            sleep(200);
        }
        throw new IOException("no session with " + peer + (last == null ? "" : ": " + last));
    }

    /** Reads until the peer's first KEEPALIVE (answering its OPEN with one); false when it closed instead. */
    private static boolean established(SocketChannel c) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(c));
        byte[] header = new byte[19];
        while (true) {
            in.readFully(header);
            in.readFully(new byte[((header[16] & 0xFF) << 8 | header[17] & 0xFF) - 19]);
            switch (header[18]) {
                case 1 -> write(c, message(4, new byte[0]));
                case 4 -> {
                    return true;
                }
                case 3 -> {
                    return false;
                }
                default -> { } // nothing else comes before Established
            }
        }
    }

    /** Reads and drops what the daemon sends (its End-of-RIB, KEEPALIVEs) so its writes never block. */
    private static void drain(SocketChannel c) {
        try {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            while (c.read(b.clear()) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // closed by the daemon (a RST) or by its shutdown
        }
    }

    private static void write(SocketChannel c, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The table as UPDATEs packed as the daemon benchmark's sender packs them, then End-of-RIB (4-octet AS session). */
    private byte[] table() {
        AdjRibOut rib = new AdjRibOut();
        SplittableRandom random = new SplittableRandom(0x7b9_2026L);
        byte[] nextHop = address(local);
        Path path = null;
        for (int i = 0; i < routes; i++) {
            if (i % 4 == 0) {
                path = new Path(attributes(random), nextHop);
            }
            rib.announce(new Route(Prefix.ipv4(FIRST_ADDRESS + (i << 8), 24), path));
        }
        Negotiated asn4 = new Negotiated(true, Set.of(), Set.of(), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(routes * 24);
        Iterator<Update> it = rib.updatesLazily(Family.IPV4_UNICAST, asn4, true);
        while (it.hasNext()) {
            out.writeBytes(MessageEncoder.encode(it.next(), asn4));
        }
        out.writeBytes(MessageEncoder.encode(Update.endOfRib(Family.IPV4_UNICAST), asn4));
        return out.toByteArray();
    }

    /** The daemon benchmark's diverse attribute set (jmh's TableShape.DIVERSE). */
    private Attributes attributes(SplittableRandom random) {
        int pathLength = 1 + random.nextInt(10);
        Long[] asns = new Long[pathLength];
        asns[0] = asn;
        for (int i = 1; i < pathLength; i++) {
            asns[i] = 64_512L + random.nextInt(1_000);
        }
        List<Attribute> attributes = new ArrayList<>(6);
        attributes.add(new Attribute.Origin(random.nextInt(3)));
        attributes.add(Attribute.AsPath.sequence(asns));
        attributes.add(new Attribute.MultiExitDisc(random.nextInt(1_000)));
        attributes.add(new Attribute.LocalPref(50 + random.nextInt(200)));
        int communities = random.nextInt(7);
        if (communities > 0) {
            List<Long> values = new ArrayList<>(communities);
            for (int i = 0; i < communities; i++) {
                values.add(asn << 16 | random.nextInt(65_536));
            }
            attributes.add(new Attribute.Communities(values));
        }
        return Attributes.of(attributes);
    }

    private static byte[] address(String dotted) {
        String[] octets = dotted.split("\\.");
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) Integer.parseInt(octets[i]);
        }
        return a;
    }

    /**
     * <pre>
     * OPEN (RFC 4271 section 4.2): version 4 | my AS (AS_TRANS when > 65535) | hold time | BGP id |
     *   opt params: capability 1 (MP, RFC 4760) AFI 1 SAFI 1; capability 65 (4-octet AS, RFC 6793)
     * </pre>
     */
    private byte[] open() {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put((byte) 4).putShort((short) (asn > 65535 ? 23456 : asn)).putShort((short) HOLD_TIME).put(address(local));
        b.put((byte) 16);
        b.put((byte) 2).put((byte) 6).put((byte) 1).put((byte) 4).putShort((short) 1).put((byte) 0).put((byte) 1);
        b.put((byte) 2).put((byte) 6).put((byte) 65).put((byte) 4).putInt((int) asn);
        return message(1, Arrays.copyOf(b.array(), b.position()));
    }

    /** Marker, length, type, then {@code body} (RFC 4271 section 4.1). */
    private static byte[] message(int type, byte[] body) {
        byte[] m = new byte[19 + body.length];
        Arrays.fill(m, 0, 16, (byte) 0xFF);
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }
}
