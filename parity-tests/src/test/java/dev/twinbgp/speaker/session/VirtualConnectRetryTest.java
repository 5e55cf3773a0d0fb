package dev.twinbgp.speaker.session;

/** A hanging connect and the ConnectRetry timer, on the virtual reactor. */
class VirtualConnectRetryTest extends AbstractConnectRetryTest {
    @Override
    String reactor() {
        return "virtual";
    }
}
