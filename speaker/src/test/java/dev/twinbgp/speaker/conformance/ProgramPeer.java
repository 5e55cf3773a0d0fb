package dev.twinbgp.speaker.conformance;

import static dev.twinbgp.speaker.conformance.PeerWire.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The test peer of ExaBGP's API vectors (the vectors' README, "How the test peer behaves"), on plain blocking
 * {@code java.net} sockets and a thread of its own, so it depends on neither reactor. Per TCP connection (A, B, ...):
 * <ol>
 *   <li>accepts; answers the speaker's OPEN with the same OPEN, BGP identifier + 1 and, with {@code option:asn},
 *       that AS ({@link OpenBytes#mirrored}), then a KEEPALIVE; with {@code option:update:send-default-route} it
 *       then announces 0.0.0.0/0;</li>
 *   <li>answers every message with a KEEPALIVE; checks every message but KEEPALIVEs byte for byte against the
 *       connection's groups (in order; any order inside a group); an End-of-RIB when nothing more is expected is
 *       accepted, any other extra message is a failure (but for {@link Vectors#COMPLETE_MID_BURST});</li>
 *   <li>on a ROUTE-REFRESH it sends back every UPDATE received so far (routes: End-of-RIB markers are not
 *       replayed), then a KEEPALIVE;</li>
 *   <li>once a group with a {@code notification} step is complete, sends NOTIFICATION Cease with that text as data
 *       and closes: the speaker must connect again (the next connection's groups, or just an OPEN exchange).</li>
 * </ol>
 * Passes when every expected message was seen on every connection ({@link #awaitAllSeen}).
 */
final class ProgramPeer implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 60_000;
    // 0.0.0.0/32, ORIGIN IGP, empty AS_PATH, NEXT_HOP 127.0.0.1: 19 + 2 + 2 + 14 + 5 = 42 octets. The README says
    // 0.0.0.0/0, but the one program of the option (api-api.receive.run) waits for "0.0.0.0/32" in the JSON it is
    // sent, and announces 9.9.9.9 instead of the vector's 1.1.1.1 on anything else.
    private static final byte[] DEFAULT_ROUTE = HexFormat.of().parseHex(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" + "002A" + "02" + "0000" + "000E"
                    + "40010100" + "400200" + "4003047F000001" + "2000000000");

    private final ProgramVector vector;
    private final ServerSocket server;
    private final Thread thread;
    private final List<TreeMap<Integer, List<String>>> pending = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final CountDownLatch allSeen = new CountDownLatch(1);
    private volatile String failure;
    private volatile Socket socket;
    private volatile int connectionsAccepted;

    ProgramPeer(ProgramVector vector) throws IOException {
        this(vector, InetAddress.getByName("127.0.0.1"));
    }

    /** A peer listening on another loopback address (a second neighbor of one speaker). */
    ProgramPeer(ProgramVector vector, InetAddress bind) throws IOException {
        this.vector = vector;
        for (Map<Integer, ProgramVector.Group> groups : vector.connections()) {
            TreeMap<Integer, List<String>> copy = new TreeMap<>();
            groups.forEach((n, g) -> copy.put(n, new ArrayList<>(g.raw())));
            pending.add(copy);
        }
        server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, 0));
        server.setSoTimeout(READ_TIMEOUT_MS);
        thread = new Thread(this::run, "program-peer-" + vector.name());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** True when every expected message was seen; false on failure or timeout (see {@link #failure()}). */
    boolean awaitAllSeen(long seconds) throws InterruptedException {
        return allSeen.await(seconds, TimeUnit.SECONDS) && failure == null && pendingCount() == 0;
    }

    /** True when every message expected on connection {@code c} (0 for A) was seen within {@code seconds}. */
    boolean awaitSeenOn(int c, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (pendingOn(c) > 0 && failure == null && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return pendingOn(c) == 0 && failure == null;
    }

    String failure() {
        return failure;
    }

    /** What is still expected and what came, for failure messages. */
    synchronized String report() {
        return connectionsAccepted + " connection(s); still expected " + pending + "; received " + received;
    }

    private synchronized int pendingCount() {
        return pending.stream().mapToInt(c -> c.values().stream().mapToInt(List::size).sum() + c.size()).sum();
    }

    private void run() {
        try {
            for (int c = 0; c < pending.size() && failure == null; c++) {
                boolean reconnect = serve(c);
                if (reconnect && c == pending.size() - 1) {
                    // The last step was a NOTIFICATION: the speaker must come back (an OPEN exchange is enough).
                    try (Socket s = accept()) {
                        handshake(s);
                    }
                }
            }
        } catch (IOException e) {
            if (!server.isClosed() && pendingCount() > 0) {
                fail("test peer: " + e);
            }
        } finally {
            if (failure == null && pendingCount() == 0) {
                allSeen.countDown();
            } else if (failure == null) {
                fail("the speaker closed or stopped with messages still expected");
            }
        }
    }

    private Socket accept() throws IOException {
        Socket s = server.accept();
        connectionsAccepted++;
        socket = s;
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.setTcpNoDelay(true);
        return s;
    }

    private void handshake(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] open = read(in);
        if (open == null || open[18] != OPEN) {
            throw new IOException("the first message is not an OPEN: " + hex(open));
        }
        Long asn = vector.peerAsn().isPresent() ? vector.peerAsn().getAsLong() : null;
        OutputStream out = s.getOutputStream();
        out.write(OpenBytes.parse(open).mirrored(asn, false).toMessage());
        out.write(KEEPALIVE_MESSAGE);
        out.flush();
    }

    /** Connection {@code c}, until its groups are done; true when it ended with our NOTIFICATION. */
    private boolean serve(int c) throws IOException {
        try (Socket s = accept()) {
            handshake(s);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            List<byte[]> updates = new ArrayList<>();
            if (vector.sendDefaultRoute()) {
                out.write(DEFAULT_ROUTE);
                out.flush();
            }
            while (true) {
                if (notifyIfDue(c, out)) {
                    return true;
                }
                byte[] message = read(in);
                if (message == null) {
                    return false;
                }
                answer(out);
                switch (message[18]) {
                    case KEEPALIVE -> { }
                    case NOTIFICATION -> {
                        if (pendingOn(c) > 0) {
                            fail("NOTIFICATION before every expected message was seen: " + hex(message));
                        }
                        return false;
                    }
                    case ROUTE_REFRESH -> {
                        check(c, message);
                        for (byte[] update : updates) {
                            out.write(update);
                        }
                        out.write(KEEPALIVE_MESSAGE);
                        out.flush();
                    }
                    default -> {
                        if (message[18] == UPDATE && !END_OF_RIB.matcher(hex(message)).matches()) {
                            updates.add(message);
                        }
                        check(c, message);
                    }
                }
                if (failure != null) {
                    return false;
                }
            }
        }
    }

    /** Sends the NOTIFICATION of the first pending group of connection {@code c} once its messages are all seen. */
    private boolean notifyIfDue(int c, OutputStream out) throws IOException {
        String text;
        synchronized (this) {
            Map.Entry<Integer, List<String>> first = pending.get(c).firstEntry();
            if (first == null || !first.getValue().isEmpty()) {
                return false;
            }
            text = vector.connections().get(c).get(first.getKey()).notification();
            pending.get(c).pollFirstEntry();
            if (text == null) {
                return notifyIfDue(c, out);
            }
        }
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        byte[] message = Arrays.copyOf(KEEPALIVE_MESSAGE, HEADER + 2 + data.length);
        message[16] = (byte) (message.length >>> 8);
        message[17] = (byte) message.length;
        message[18] = NOTIFICATION;
        message[19] = 6; // Cease (RFC 4486): the speaker must connect again
        message[20] = 2; // Administrative Shutdown
        System.arraycopy(data, 0, message, 21, data.length);
        out.write(message);
        out.flush();
        return true;
    }

    private synchronized int pendingOn(int c) {
        return pending.get(c).values().stream().mapToInt(List::size).sum() + pending.get(c).size();
    }

    /** A KEEPALIVE for every message; once the speaker has started closing, a failed write is no news. */
    private static void answer(OutputStream out) {
        try {
            out.write(KEEPALIVE_MESSAGE);
            out.flush();
        } catch (IOException e) {
            // the speaker closes after its NOTIFICATION; what matters is what it sent
        }
    }

    private synchronized void check(int c, byte[] message) {
        String hex = hex(message);
        received.add(hex);
        Map.Entry<Integer, List<String>> group = pending.get(c).firstEntry();
        if (group == null) {
            if (Vectors.COMPLETE_MID_BURST.containsKey(vector.name() + ".ci")) {
                return; // the rest of the burst that completed the vector (see there)
            }
            if (!END_OF_RIB.matcher(hex).matches()) {
                fail("unexpected extra message " + hex);
            }
            return;
        }
        if (!group.getValue().remove(hex)) {
            if (END_OF_RIB.matcher(hex).matches()) {
                return; // an End-of-RIB is accepted whenever it arrives
            }
            fail("message " + hex + " is none of group " + (char) ('A' + c) + group.getKey() + ": " + group.getValue());
            return;
        }
        while (!pending.get(c).isEmpty() && pending.get(c).firstEntry().getValue().isEmpty()
                && vector.connections().get(c).get(pending.get(c).firstKey()).notification() == null) {
            pending.get(c).pollFirstEntry();
        }
        if (pendingCount() == 0) {
            allSeen.countDown();
        }
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        allSeen.countDown();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
