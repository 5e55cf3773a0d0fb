package dev.twinbgp.cli;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;

/**
 * A BGP peer made of plain blocking sockets, for the end-to-end tests of {@code twinbgp run}: it
 * listens on 127.0.0.1, accepts the speaker's connection and exchanges raw messages.
 */
final class TestPeer implements AutoCloseable {
    static final long AS = 65002;
    /** What the session negotiates with the OPEN {@link #sendOpen} sends: 4-octet ASNs. */
    static final Negotiated NEGOTIATED = new Negotiated(true, Set.of(), Set.of(), false);

    private final ServerSocket server;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    TestPeer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return server.getLocalPort();
    }

    void accept(int timeoutMillis) throws IOException {
        server.setSoTimeout(timeoutMillis);
        socket = server.accept();
        socket.setSoTimeout(timeoutMillis);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /**
     * One whole message, header included.
     * <pre>
     *  0                   16      18     19
     *  +-------------------+-------+------+----------
     *  | marker (16 x FF)  |length | type | body ...
     *  +-------------------+-------+------+----------
     * </pre>
     */
    byte[] readRaw() throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int length = (header[16] & 0xFF) << 8 | header[17] & 0xFF;
        if (length < 19 || length > 65535) {
            throw new IOException("bad length " + length);
        }
        byte[] message = new byte[length];
        System.arraycopy(header, 0, message, 0, 19);
        in.readFully(message, 19, length - 19);
        return message;
    }

    BgpMessage read(Negotiated negotiated) throws IOException {
        return switch (MessageDecoder.decode(readRaw(), negotiated)) {
            case Decoded.Ok ok -> ok.message();
            case Decoded.Failed f -> throw new IOException("malformed message from the speaker: " + f.error());
        };
    }

    /** Reads, skipping KEEPALIVEs. */
    BgpMessage readSkippingKeepalives(Negotiated negotiated) throws IOException {
        while (true) {
            BgpMessage m = read(negotiated);
            if (!(m instanceof Keepalive)) {
                return m;
            }
        }
    }

    /** True when the speaker closed the connection (what follows its NOTIFICATION). */
    boolean closedBySpeaker() throws IOException {
        try {
            while (true) {
                readRaw();
            }
        } catch (EOFException e) {
            return true;
        }
    }

    /** True when the speaker closed the connection having sent nothing but KEEPALIVEs before. */
    boolean closedBySpeakerAfterKeepalives() throws IOException {
        try {
            while (true) {
                if (readRaw()[18] != 4) {
                    return false;
                }
            }
        } catch (EOFException e) {
            return true;
        }
    }

    void sendOpen(long peerAs) throws IOException {
        SessionConfig ours = SessionConfig.builder(AS, peerAs, 0x0A000002L).holdTime(30)
                .families(List.of(Family.IPV4_UNICAST)).build();
        send(ours.localOpen(), Negotiated.DEFAULT);
    }

    void send(BgpMessage message, Negotiated negotiated) throws IOException {
        out.write(MessageEncoder.encode(message, negotiated));
        out.flush();
    }

    /** One route from us, 192.0.2.0/24 via 127.0.0.1. */
    void sendOneRoute() throws IOException {
        Attributes attributes = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(AS),
                Attribute.NextHop.of("127.0.0.1"));
        send(Update.announce(attributes, Nlri.of(Family.IPV4_UNICAST, false, List.of(Prefix.parse("192.0.2.0/24")))),
                NEGOTIATED);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
