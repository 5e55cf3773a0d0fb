package dev.twinbgp.speaker.interop;

/** Operational messages with ExaBGP 4.2 against the netty reactor. */
class NettyExaBgpOperationalInteropTest extends AbstractExaBgpOperationalInteropTest {
    @Override
    String ours() {
        return "127.0.96.3";
    }

    @Override
    String theirs() {
        return "127.0.96.4";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
