package dev.twinbgp.speaker.api;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The test peer of the ExaBGP encoding vectors (conformance README, "How the test peer behaves"), on plain
 * blocking sockets, independent of both reactors: it accepts one connection, answers the speaker's OPEN with
 * the same OPEN (BGP identifier + 1 in its last octet, AS replaced when asked) and a KEEPALIVE, then answers
 * every non-KEEPALIVE message with a KEEPALIVE and records it as upper-case hex.
 */
final class ConformancePeer implements AutoCloseable {
    private static final int HEADER = 19;

    private final ServerSocket server;
    private final long asn;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    volatile String failure;
    private volatile Socket socket;

    /** @param asn the AS to answer with, or -1 to mirror the speaker's */
    ConformancePeer(long asn) throws IOException {
        this(asn, false);
    }

    /** @param ipv6 listen on ::1 (the vector's {@code option:bind:ipv6}) rather than 127.0.0.1 */
    ConformancePeer(long asn, boolean ipv6) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1"));
        this.asn = asn;
        Thread.ofPlatform().daemon(true).name("conformance-peer").start(this::run);
    }

    int port() {
        return server.getLocalPort();
    }

    private void run() {
        try (Socket s = server.accept()) {
            socket = s;
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            byte[] open = read(in);
            if (open[18] != 1) {
                failure = "expected an OPEN first, got type " + open[18];
                return;
            }
            synchronized (this) {
                out.write(mirror(open));
                out.write(keepalive());
                out.flush();
            }
            while (true) {
                byte[] m = read(in);
                if (m[18] == 4) {
                    continue;
                }
                synchronized (this) {
                    out.write(keepalive());
                    out.flush();
                }
                received.add(HexFormat.of().withUpperCase().formatHex(m));
            }
        } catch (IOException e) {
            // closed at the end of the test (or by the speaker): nothing more to record
        }
    }

    /** Writes {@code octets} to the speaker as they are (a test's malformed message), once connected. */
    void send(byte[] octets) throws IOException {
        Socket s = socket;
        if (s == null) {
            throw new IOException("not connected");
        }
        synchronized (this) {
            s.getOutputStream().write(octets);
            s.getOutputStream().flush();
        }
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] header = new byte[HEADER];
        in.readFully(header);
        int length = (header[16] & 0xFF) << 8 | header[17] & 0xFF;
        byte[] m = new byte[Math.max(length, HEADER)];
        System.arraycopy(header, 0, m, 0, HEADER);
        in.readFully(m, HEADER, m.length - HEADER);
        return m;
    }

    /**
     * <pre>
     *   OPEN body: version(1) my-AS(2) hold(2) BGP-id(4) opt-len(1) params: [type(1) len(1) value]...
     *   capability params (type 2): [code(1) len(1) value]...; code 65 = 4-octet AS (RFC 6793)
     * </pre>
     */
    private byte[] mirror(byte[] open) {
        byte[] m = open.clone();
        int body = HEADER;
        m[body + 8] = (byte) (m[body + 8] + 1);
        if (asn >= 0) {
            int two = asn > 0xFFFF ? 23456 : (int) asn;
            m[body + 1] = (byte) (two >> 8);
            m[body + 2] = (byte) two;
            int end = body + 10 + (m[body + 9] & 0xFF);
            for (int p = body + 10; p + 2 <= end; p += 2 + (m[p + 1] & 0xFF)) {
                if (m[p] != 2) {
                    continue;
                }
                int capEnd = p + 2 + (m[p + 1] & 0xFF);
                for (int c = p + 2; c + 2 <= capEnd; c += 2 + (m[c + 1] & 0xFF)) {
                    if ((m[c] & 0xFF) == 65 && m[c + 1] == 4) {
                        m[c + 2] = (byte) (asn >> 24);
                        m[c + 3] = (byte) (asn >> 16);
                        m[c + 4] = (byte) (asn >> 8);
                        m[c + 5] = (byte) asn;
                    }
                }
            }
        }
        return m;
    }

    private static byte[] keepalive() {
        byte[] m = new byte[HEADER];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xFF);
        m[17] = HEADER;
        m[18] = 4;
        return m;
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
