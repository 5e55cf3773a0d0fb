package dev.twinbgp.speaker.interop;

/** Multicast with FRR on the selector reactor. */
class SelectorFrrMulticastInteropTest extends AbstractFrrMulticastInteropTest {
    @Override
    String ours() {
        return "127.0.81.1";
    }

    @Override
    String theirs() {
        return "127.0.81.2";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
