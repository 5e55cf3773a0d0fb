package dev.twinbgp.speaker.session;

/** A hanging connect and the ConnectRetry timer, on the netty reactor. */
class NettyConnectRetryTest extends AbstractConnectRetryTest {
    @Override
    String reactor() {
        return "netty";
    }
}
