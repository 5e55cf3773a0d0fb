package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.rib.AdjRibIn;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.MessageFramer;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.WireError;
import dev.twinbgp.reactor.KernelQueue;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A BGP peer scripted with a plain blocking {@link Socket}, independent of both reactors: it
 * connects to a speaker, exchanges OPEN and KEEPALIVE, then writes whatever bytes a test wants,
 * however fragmented or coalesced. Messages are built with the codec ({@link MessageEncoder}) and
 * what the speaker sends is read back with {@link MessageFramer} and {@link MessageDecoder}.
 *
 * <p>Threads: the test thread does the handshake and the writes; {@link #startReading()} hands
 * reading to a daemon thread; {@link #startKeepalives(long)} sends KEEPALIVEs from another. Writes
 * are serialised per message, so a KEEPALIVE never lands inside a message sent byte by byte.
 */
final class ScriptedPeer implements AutoCloseable {
    /** Both sides advertise 4-octet AS, nothing else that changes the encoding. */
    static final Negotiated NEGOTIATED = new Negotiated(true, Set.of(), Set.of(), false);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final MessageFramer framer = new MessageFramer();
    private final ArrayDeque<BgpMessage> unread = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[64 * 1024];
    private final ScheduledExecutorService keepalives = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-peer-keepalives");
        t.setDaemon(true);
        return t;
    });

    // What the reader thread saw; read from the test thread.
    private final AdjRibIn received = new AdjRibIn();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong updatesRead = new AtomicLong();
    final AtomicLong prefixesAnnounced = new AtomicLong();
    final AtomicLong keepalivesRead = new AtomicLong();
    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    final List<Family> endOfRibs = new CopyOnWriteArrayList<>();
    volatile BgpMessage lastMessage;
    volatile boolean eof;
    volatile Throwable readError;

    private ScriptedPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects from {@code local} to a speaker at {@code remote}:{@code port}. A positive
     * {@code receiveBuffer} fixes SO_RCVBUF before connecting (so the kernel does not grow it).
     */
    static ScriptedPeer connect(String local, String remote, int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        try {
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.setTcpNoDelay(true);
            s.setSoTimeout(120_000); // a blocked read fails the test instead of hanging it
            s.bind(new InetSocketAddress(TestRoutes.address(local), 0));
            s.connect(new InetSocketAddress(TestRoutes.address(remote), port), 30_000);
            return new ScriptedPeer(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** RFC 4271 section 8.2.2: OPEN both ways, then KEEPALIVE both ways; returns the speaker's OPEN. */
    Open handshake(long asn, int holdTime, String routerId) throws IOException {
        long id = TestRoutes.address(routerId).hashCode() & 0xFFFF_FFFFL;
        send(Open.of(asn, holdTime, id, List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.FourOctetAs(asn))));
        if (!(read() instanceof Open theirs)) {
            throw new IOException("expected OPEN first, got " + lastMessage);
        }
        send(Keepalive.INSTANCE);
        if (!(read() instanceof Keepalive)) {
            throw new IOException("expected KEEPALIVE after OPEN, got " + lastMessage);
        }
        return theirs;
    }

    static byte[] encode(BgpMessage m) {
        return MessageEncoder.encode(m, NEGOTIATED);
    }

    synchronized void send(BgpMessage m) throws IOException {
        out.write(encode(m));
        out.flush();
    }

    /** Every message in its own critical section, each byte its own write and flush (TCP_NODELAY is on). */
    void sendByteByByte(List<byte[]> messages) throws IOException {
        for (byte[] m : messages) {
            synchronized (this) {
                for (byte b : m) {
                    out.write(b);
                    out.flush();
                }
            }
        }
    }

    /** All messages concatenated and handed to the socket in one write. */
    void sendCoalesced(List<byte[]> messages) throws IOException {
        int total = messages.stream().mapToInt(m -> m.length).sum();
        ByteBuffer all = ByteBuffer.allocate(total);
        messages.forEach(all::put);
        synchronized (this) {
            out.write(all.array());
            out.flush();
        }
    }

    /** Sends a KEEPALIVE every {@code periodMillis} until closed (a failed send just stops them). */
    void startKeepalives(long periodMillis) {
        keepalives.scheduleWithFixedDelay(() -> {
            try {
                send(Keepalive.INSTANCE);
            } catch (IOException e) {
                keepalives.shutdown();
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void stopKeepalives() {
        keepalives.shutdownNow();
    }

    /** Reads and records everything the speaker sends, on a daemon thread, until EOF or an error. */
    void startReading() {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    BgpMessage m = read();
                    switch (m) {
                        case Update u -> {
                            updatesRead.incrementAndGet();
                            u.endOfRibFamily().ifPresent(endOfRibs::add);
                            u.announced().forEach(n -> prefixesAnnounced.addAndGet(n.size()));
                            synchronized (received) {
                                received.apply(u);
                            }
                        }
                        case Notification n -> notifications.add(n);
                        case Keepalive k -> keepalivesRead.incrementAndGet();
                        default -> { }
                    }
                }
            } catch (EOFException e) {
                eof = true;
            } catch (IOException | RuntimeException e) {
                readError = e;
            }
        }, "scripted-peer-reader");
        t.setDaemon(true);
        t.start();
    }

    /** The routes the speaker announced to us so far. */
    List<Route> receivedRoutes() {
        synchronized (received) {
            return received.routes();
        }
    }

    /** The next message; EOFException at the end of the stream, IOException for a malformed one. */
    private BgpMessage read() throws IOException {
        while (unread.isEmpty()) {
            int n = in.read(readBuffer);
            if (n < 0) {
                throw new EOFException("the speaker closed the connection");
            }
            bytesRead.addAndGet(n);
            WireError error = framer.feed(ByteBuffer.wrap(readBuffer, 0, n),
                    frame -> unread.add(MessageDecoder.decode(frame, NEGOTIATED).message()));
            if (error != null) {
                throw new IOException("bad framing from the speaker: " + error);
            }
        }
        BgpMessage m = unread.poll();
        lastMessage = m;
        return m;
    }

    /**
     * Bytes written that the speaker's kernel has not acknowledged yet ({@link KernelQueue}); -1 where the kernel
     * does not tell. At 0 everything sent is in the speaker's socket: a reset then drops none of it.
     */
    long unacknowledged() throws IOException {
        return KernelQueue.unacknowledged(socket);
    }

    /** Closes with SO_LINGER 0: the kernel sends a RST (and drops what the speaker sent us unread). */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing anyway below
        }
        close();
    }

    @Override
    public void close() {
        keepalives.shutdownNow();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
