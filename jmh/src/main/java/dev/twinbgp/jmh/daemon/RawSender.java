package dev.twinbgp.jmh.daemon;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The daemon benchmark's sender: a separate process that is not a BGP speaker in any sense but the
 * minimum - it opens one session (OPEN with 4-octet AS and IPv4 unicast, KEEPALIVEs) and writes a file of
 * pre-encoded UPDATEs (ending with End-of-RIB) as fast as the socket takes them. Every receiver, twinbgp and
 * the reference daemons alike, is fed the same bytes by the same code.
 *
 * <p>Driven line by line on stdin; answers on stdout:
 * <pre>
 *   CONNECT  -> UP                          (session Established: the peer's OPEN and KEEPALIVE seen)
 *   SEND     -> FIRST nanos, WRITTEN nanos  (System.nanoTime before the first write and after the last)
 *   RESET    -> CLOSED                      (NOTIFICATION Cease/Administrative Reset, RFC 4486, then close)
 *   QUIT
 * </pre>
 * {@code System.nanoTime} is CLOCK_MONOTONIC on Linux, the same clock in every process, so the
 * orchestrator compares these times with its own.
 *
 * <p>Usage: {@code RawSender LOCAL_ADDRESS PEER_ADDRESS PORT ASN UPDATES_FILE}.
 */
public final class RawSender {
    private static final int HOLD_TIME = 240;
    private static final int CHUNK = 256 * 1024;

    private final String local;
    private final InetSocketAddress peer;
    private final long asn;
    private final byte[] updates;
    private final PrintStream out = System.out;
    private final Object writeLock = new Object();
    private volatile SocketChannel channel;
    private volatile boolean up;

    private RawSender(String local, InetSocketAddress peer, long asn, byte[] updates) {
        this.local = local;
        this.peer = peer;
        this.asn = asn;
        this.updates = updates;
    }

    public static void main(String[] args) throws Exception {
        RawSender s = new RawSender(args[0], new InetSocketAddress(args[1], Integer.parseInt(args[2])),
                Long.parseLong(args[3]), Files.readAllBytes(Path.of(args[4])));
        Thread keepalives = Thread.ofPlatform().daemon().name("keepalive").start(s::keepalives);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "CONNECT" -> s.connect();
                case "SEND" -> s.send();
                case "RESET" -> s.reset();
                case "QUIT" -> {
                    s.reset();
                    keepalives.interrupt();
                    return;
                }
                default -> s.say("ERROR unknown command " + line);
            }
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * Connects and waits for Established, retrying for up to 2 minutes: a daemon may refuse or reset a
     * connection for a while after the previous session ended (GoBGP holds a reset peer idle for seconds).
     */
    private void connect() throws IOException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                if (attempt()) {
                    say("UP");
                    return;
                }
                last = "no session within 5 s";
            } catch (IOException e) {
                last = e.toString();
            }
            SocketChannel c = channel;
            if (c != null) {
                c.close();
            }
            channel = null;
            sleep(1000);
        }
        say("ERROR no session: " + last);
    }

    private boolean attempt() throws IOException {
        SocketChannel c = SocketChannel.open();
        c.bind(new InetSocketAddress(local, 0));
        channel = c;
        c.connect(peer);
        c.socket().setTcpNoDelay(true);
        up = false;
        write(open()); // before the reader starts: our KEEPALIVE (its answer to their OPEN) must follow our OPEN
        Thread.ofPlatform().daemon().name("reader").start(() -> read(c));
        long until = System.nanoTime() + 5_000_000_000L;
        while (!up && c.isOpen() && System.nanoTime() < until) {
            sleep(1);
        }
        return up && c.isOpen();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send() throws IOException {
        SocketChannel c = channel;
        ByteBuffer all = ByteBuffer.wrap(updates);
        say("FIRST " + System.nanoTime());
        while (all.hasRemaining()) {
            ByteBuffer chunk = all.slice(all.position(), Math.min(CHUNK, all.remaining()));
            synchronized (writeLock) {
                while (chunk.hasRemaining()) {
                    c.write(chunk);
                }
            }
            all.position(all.position() + chunk.capacity());
        }
        say("WRITTEN " + System.nanoTime());
    }

    private void reset() throws IOException {
        SocketChannel c = channel;
        if (c != null && c.isOpen()) {
            write(message(3, new byte[] {6, 4})); // Cease, Administrative Reset (RFC 4486)
            c.close();
        }
        channel = null;
        up = false;
        say("CLOSED");
    }

    private void write(byte[] message) throws IOException {
        SocketChannel c = channel;
        if (c == null) {
            return;
        }
        synchronized (writeLock) {
            ByteBuffer b = ByteBuffer.wrap(message);
            while (b.hasRemaining()) {
                c.write(b);
            }
        }
    }

    /** Reads the peer's messages: answers its OPEN with a KEEPALIVE; its first KEEPALIVE means Established. */
    private void read(SocketChannel c) {
        try {
            DataInputStream in = new DataInputStream(Channels.newInputStream(c));
            byte[] header = new byte[19];
            while (true) {
                in.readFully(header);
                int length = (header[16] & 0xFF) << 8 | header[17] & 0xFF;
                byte[] body = new byte[length - 19];
                in.readFully(body);
                switch (header[18]) {
                    case 1 -> write(message(4, new byte[0]));
                    case 4 -> up = true;
                    case 3 -> say("NOTIFICATION " + (body[0] & 0xFF) + "/" + (body[1] & 0xFF));
                    default -> { } // UPDATEs the receiver may send back are read and dropped
                }
            }
        } catch (IOException e) {
            // the session ended (EOF, reset, or closed by us); reported as such, not as a failure
            say("INFO read ended: " + e);
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private void keepalives() {
        while (true) {
            try {
                Thread.sleep(HOLD_TIME / 3 * 1000L);
                if (up) {
                    write(message(4, new byte[0]));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the session ended; the next CONNECT makes a new one
            }
        }
    }

    /**
     * <pre>
     * OPEN (RFC 4271 section 4.2): version 4 | my AS (AS_TRANS when > 65535) | hold time | BGP id |
     *   opt params: capability 1 (MP, RFC 4760) AFI 1 SAFI 1; capability 65 (4-octet AS, RFC 6793)
     * </pre>
     */
    private byte[] open() {
        ByteBuffer b = ByteBuffer.allocate(10 + 2 + 8 + 2 + 6);
        b.put((byte) 4).putShort((short) (asn > 65535 ? 23456 : asn)).putShort((short) HOLD_TIME);
        for (String octet : local.split("\\.")) {
            b.put((byte) Integer.parseInt(octet));
        }
        b.put((byte) 16);
        b.put((byte) 2).put((byte) 6).put((byte) 1).put((byte) 4).putShort((short) 1).put((byte) 0).put((byte) 1);
        b.put((byte) 2).put((byte) 6).put((byte) 65).put((byte) 4).putInt((int) asn);
        return message(1, java.util.Arrays.copyOf(b.array(), b.position()));
    }

    /** Marker, length, type, then {@code body} (RFC 4271 section 4.1). */
    static byte[] message(int type, byte[] body) {
        byte[] m = new byte[19 + body.length];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xFF);
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }
}
