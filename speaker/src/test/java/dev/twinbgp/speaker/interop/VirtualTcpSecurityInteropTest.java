package dev.twinbgp.speaker.interop;

/** TCP MD5 and GTSM against BIRD 2 and FRR on the virtual reactor. */
class VirtualTcpSecurityInteropTest extends AbstractTcpSecurityInteropTest {
    @Override
    String ours() {
        return "127.0.0.185";
    }

    @Override
    String theirs() {
        return "127.0.0.186";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
