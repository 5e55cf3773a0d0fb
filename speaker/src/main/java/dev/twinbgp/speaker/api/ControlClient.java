package dev.twinbgp.speaker.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The client side of {@link ControlServer}'s one-exchange protocol, for {@code twinbgp ctl} and tests. */
public final class ControlClient {
    private ControlClient() {
    }

    /**
     * Sends {@code command} (one line) and reads the answer up to its {@code done} / {@code error} line.
     *
     * @throws IOException when nothing listens on {@code socket}, or the answer ends before its last line
     */
    public static Reply send(Path socket, String command) throws IOException {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a command is one line");
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer request = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("done") || line.equals("error")) {
                    return new Reply(line.equals("done"), lines);
                }
                lines.add(line);
            }
            throw new IOException("the answer ended without done or error");
        }
    }
}
