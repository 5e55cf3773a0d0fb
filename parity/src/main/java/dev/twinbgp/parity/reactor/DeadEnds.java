package dev.twinbgp.parity.reactor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Two loopback addresses a program's connects go nowhere with, kept for a runner's life: one that refuses
 * (a bound socket that does not listen: the kernel answers a SYN with a reset) and one where a connect hangs
 * (a listener that never accepts, its accept queue - backlog 1 - filled with throw-away connections, so Linux
 * drops further SYNs: neither an answer nor a refusal, until the connect's own timeout).
 */
final class DeadEnds implements AutoCloseable {
    private final SocketChannel refuser;
    private final ServerSocket hanger;
    private final List<Socket> filling = new ArrayList<>();

    DeadEnds() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        refuser = SocketChannel.open();
        ServerSocket h = null;
        try {
            refuser.bind(new InetSocketAddress(lo, 0));
            h = new ServerSocket(0, 1, lo);
        } catch (IOException | RuntimeException e) {
            refuser.close();
            throw e;
        }
        hanger = h;
        try {
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                filling.add(s);
                try {
                    s.connect(hanger.getLocalSocketAddress(), 300);
                } catch (SocketTimeoutException full) {
                    return; // this SYN was dropped: the queue is full
                }
            }
            throw new IOException("the accept queue of " + hanger.getLocalSocketAddress() + " never filled up");
        } catch (IOException | RuntimeException e) {
            close(); // a constructor that throws leaves nothing open
            throw e;
        }
    }

    InetSocketAddress refusing() throws IOException {
        return (InetSocketAddress) refuser.getLocalAddress();
    }

    InetSocketAddress hanging() {
        return (InetSocketAddress) hanger.getLocalSocketAddress();
    }

    @Override
    public void close() {
        for (Socket s : filling) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a throw-away socket
            }
        }
        try {
            hanger.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
        try {
            refuser.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
