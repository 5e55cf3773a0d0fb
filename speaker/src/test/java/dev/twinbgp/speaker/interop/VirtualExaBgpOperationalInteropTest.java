package dev.twinbgp.speaker.interop;

/** Operational messages with ExaBGP 4.2 against the virtual reactor. */
class VirtualExaBgpOperationalInteropTest extends AbstractExaBgpOperationalInteropTest {
    @Override
    String ours() {
        return "127.0.96.5";
    }

    @Override
    String theirs() {
        return "127.0.96.6";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
