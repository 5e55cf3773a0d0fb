package dev.twinbgp.speaker.interop;

/** Operational messages with ExaBGP 4.2 against the selector reactor. */
class SelectorExaBgpOperationalInteropTest extends AbstractExaBgpOperationalInteropTest {
    @Override
    String ours() {
        return "127.0.96.1";
    }

    @Override
    String theirs() {
        return "127.0.96.2";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
