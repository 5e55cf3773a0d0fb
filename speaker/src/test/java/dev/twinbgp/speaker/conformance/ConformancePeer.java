package dev.twinbgp.speaker.conformance;

import static dev.twinbgp.speaker.conformance.PeerWire.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The ExaBGP encoding test peer (the vectors' README, "How the test peer behaves"), on plain blocking
 * {@code java.net} sockets and a thread of its own, so it depends on neither reactor:
 * <ol>
 *   <li>listens on 127.0.0.1; the speaker connects;</li>
 *   <li>answers the speaker's OPEN with the same OPEN, BGP identifier + 1 and, with {@code option:asn}, that AS
 *       ({@link OpenBytes#mirrored}), then a KEEPALIVE (with {@code option:open:send-unknown-message}, a message
 *       of type 255 between the two, whose NOTIFICATION is then checked like any expected message);</li>
 *   <li>answers every message with a KEEPALIVE, ignores KEEPALIVEs, checks every other message byte for byte
 *       against the expected groups (in increasing order; any order inside a group); an End-of-RIB when
 *       nothing more is expected is accepted, any other extra message is a failure;</li>
 *   <li>passes when every expected message was seen ({@link #awaitAllSeen}); after that, until the speaker
 *       closes, only End-of-RIBs and the closing NOTIFICATION may come ({@link #awaitClosed}).</li>
 * </ol>
 * A read timeout bounds the thread's life even if the speaker never connects or never closes.
 */
final class ConformancePeer implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 60_000;

    private final EncodingVector vector;
    private final UnaryOperator<String> expectedOpen;
    private final ServerSocket server;
    private final Thread thread;
    private final TreeMap<Integer, List<String>> pending = new TreeMap<>();
    private final List<String> received = new ArrayList<>();
    private final CountDownLatch allSeen = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String failure;
    private volatile Socket socket;

    /**
     * @param expectedOpen applied to an expected OPEN's hex before comparing (the software version substitution)
     */
    ConformancePeer(EncodingVector vector, UnaryOperator<String> expectedOpen) throws IOException {
        this.vector = vector;
        this.expectedOpen = expectedOpen;
        for (Map.Entry<Integer, List<String>> group : vector.groups().entrySet()) {
            pending.put(group.getKey(), new ArrayList<>(group.getValue()));
        }
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(vector.bindIpv6() ? "::1" : "127.0.0.1"), 0));
        server.setSoTimeout(READ_TIMEOUT_MS);
        thread = new Thread(this::run, "conformance-peer-" + vector.name());
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

    boolean awaitClosed(long seconds) throws InterruptedException {
        return closed.await(seconds, TimeUnit.SECONDS);
    }

    String failure() {
        return failure;
    }

    /** What is still expected and what came, for failure messages. */
    synchronized String report() {
        return "still expected " + pending + "; received " + received;
    }

    private synchronized int pendingCount() {
        return pending.values().stream().mapToInt(List::size).sum();
    }

    private void run() {
        try (Socket s = server.accept()) {
            socket = s;
            s.setSoTimeout(READ_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            byte[] open = read(in);
            if (open == null || open[18] != OPEN) {
                fail("the first message is not an OPEN: " + hex(open));
                return;
            }
            if (vector.inspectOpen()) {
                check(open);
            }
            Long asn = vector.peerAsn().isPresent() ? vector.peerAsn().getAsLong() : null;
            out.write(OpenBytes.parse(open).mirrored(asn, vector.sendUnknownCapability()).toMessage());
            if (vector.sendUnknownMessage()) {
                // Right after our OPEN, before the KEEPALIVE: the speaker is in OpenConfirm and answers with its
                // NOTIFICATION at once. After the KEEPALIVE it would be Established, and its End-of-RIB could
                // come first - a race the vector does not describe.
                byte[] unknown = KEEPALIVE_MESSAGE.clone(); // a bare header ...
                unknown[18] = (byte) 255; // ... of a type no RFC defines
                out.write(unknown);
            }
            out.write(KEEPALIVE_MESSAGE);
            out.flush();
            for (byte[] message = read(in); message != null; message = read(in)) {
                answer(out);
                switch (message[18]) {
                    case KEEPALIVE -> { }
                    case NOTIFICATION -> {
                        if (vector.sendUnknownMessage()) {
                            check(message); // the answer to the unknown message is what the vector expects
                        } else if (pendingCount() > 0) {
                            fail("NOTIFICATION before every expected message was seen: " + hex(message));
                        }
                    }
                    default -> check(message);
                }
            }
        } catch (IOException e) {
            // Once every expected message was seen the test stops the speaker, which may close the
            // connection while we still write (with inspect-open-message that is right after its
            // OPEN): a broken pipe then is no news.
            if (!server.isClosed() && pendingCount() > 0) {
                fail("test peer: " + e);
            }
        } finally {
            allSeen.countDown();
            closed.countDown();
        }
    }

    /** A KEEPALIVE for every message; once the speaker has started closing, a failed write is no news. */
    private void answer(OutputStream out) {
        try {
            out.write(KEEPALIVE_MESSAGE);
            out.flush();
        } catch (IOException e) {
            // the speaker closes after its NOTIFICATION; what matters is what it sent
        }
    }

    private synchronized void check(byte[] message) {
        String hex = hex(message);
        received.add(hex);
        if (pending.isEmpty()) {
            if (!END_OF_RIB.matcher(hex).matches()) {
                fail("unexpected extra message " + hex);
            }
            return;
        }
        Map.Entry<Integer, List<String>> group = pending.firstEntry();
        String match = null;
        for (String expected : group.getValue()) {
            String wanted = message[18] == OPEN ? expectedOpen.apply(expected) : expected;
            if (wanted.equals(hex)) {
                match = expected;
                break;
            }
        }
        if (match == null) {
            fail("message " + hex + " is none of group " + group.getKey() + ": " + group.getValue().stream()
                    .map(e -> message[18] == OPEN ? expectedOpen.apply(e) : e).toList());
            return;
        }
        group.getValue().remove(match);
        if (group.getValue().isEmpty()) {
            pending.pollFirstEntry();
        }
        if (pending.isEmpty()) {
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
