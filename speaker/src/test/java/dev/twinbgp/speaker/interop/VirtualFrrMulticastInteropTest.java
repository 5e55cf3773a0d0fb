package dev.twinbgp.speaker.interop;

/** Multicast with FRR on the virtual reactor. */
class VirtualFrrMulticastInteropTest extends AbstractFrrMulticastInteropTest {
    @Override
    String ours() {
        return "127.0.81.5";
    }

    @Override
    String theirs() {
        return "127.0.81.6";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
