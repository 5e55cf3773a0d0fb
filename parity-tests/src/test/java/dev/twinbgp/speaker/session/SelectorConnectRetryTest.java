package dev.twinbgp.speaker.session;

/** A hanging connect and the ConnectRetry timer, on the selector reactor. */
class SelectorConnectRetryTest extends AbstractConnectRetryTest {
    @Override
    String reactor() {
        return "selector";
    }
}
