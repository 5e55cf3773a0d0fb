package dev.twinbgp.reactor;

import java.nio.ByteBuffer;

/** Writes back whatever it reads (copying: the read buffer belongs to the reactor). */
class EchoHandler extends RecordingHandler {
    @Override
    public void onData(Connection c, ByteBuffer buf) {
        ByteBuffer copy = ByteBuffer.allocate(buf.remaining());
        copy.put(buf.duplicate()).flip();
        super.onData(c, buf);
        c.write(copy);
    }
}
