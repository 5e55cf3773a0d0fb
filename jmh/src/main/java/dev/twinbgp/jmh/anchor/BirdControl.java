package dev.twinbgp.jmh.anchor;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A client of BIRD's control socket (what {@code birdc} speaks), kept open for the whole transfer:
 * a poll is one write and a few lines read, no process started, so polling every few
 * milliseconds costs BIRD and the machine next to nothing.
 *
 * <p>The protocol (BIRD 2 {@code sysdep/unix/main.c}, {@code client/client.c}): the server greets
 * with one reply; each command line gets one reply of one or more lines. A reply line starts
 * with a 4-digit code then {@code '-'} (more lines follow) or {@code ' '} (the reply's last line);
 * a line starting with a space continues the previous code. Codes 8000 and up are errors.
 * <pre>
 * 0001 BIRD 2.0.12 ready.                           greeting
 * show protocols all peer                           our command
 * 2002-Name       Proto      Table      State ...
 * 1002-peer       BGP        ---        up    ...
 * 1006-  BGP state:          Established
 *        Routes:         1000 imported, 0 exported, 1000 preferred
 * 0000                                              last line: code, space
 * </pre>
 */
final class BirdControl implements AutoCloseable {
    private final SocketChannel channel;
    private final BufferedReader in;

    private BirdControl(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
    }

    static BirdControl connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BirdControl c = new BirdControl(channel);
            c.reply(); // the greeting
            return c;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends one command and returns its reply's text (codes stripped, one line per line). */
    String command(String line) throws IOException {
        ByteBuffer out = StandardCharsets.UTF_8.encode(line + "\n");
        while (out.hasRemaining()) {
            channel.write(out);
        }
        return reply();
    }

    private String reply() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String l = in.readLine();
            if (l == null) {
                throw new IOException("BIRD closed its control socket");
            }
            boolean coded = l.length() >= 5 && isCode(l) && (l.charAt(4) == ' ' || l.charAt(4) == '-');
            text.append(coded ? l.substring(5) : l).append('\n');
            if (coded && l.charAt(4) == ' ') {
                int code = Integer.parseInt(l.substring(0, 4));
                if (code >= 8000) {
                    throw new IOException("BIRD answered error " + code + ": " + l.substring(5));
                }
                return text.toString();
            }
        }
    }

    private static boolean isCode(String l) {
        for (int i = 0; i < 4; i++) {
            if (!Character.isDigit(l.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
