package dev.twinbgp.speaker.interop;

/** Prefix-SID and AIGP with FRR on the virtual reactor. */
class VirtualFrrPrefixSidInteropTest extends AbstractFrrPrefixSidInteropTest {
    @Override
    String ours() {
        return "127.0.40.15";
    }

    @Override
    String theirs() {
        return "127.0.40.16";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
