package dev.twinbgp.speaker.session;

/** Receive back-pressure from a slow event reader, against the netty reactor. */
class NettyReceivePressureTest extends AbstractReceivePressureTest {
    @Override
    String reactor() {
        return "netty";
    }
}
