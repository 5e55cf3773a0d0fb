package dev.twinbgp.speaker.interop;

/** TCP MD5 and GTSM against BIRD 2 and FRR on the virtual reactor. */
class VirtualTcpSecurityInteropTest extends AbstractTcpSecurityInteropTest {
    @Override
    String ours() {
        return "127.0.0.175";
    }

    @Override
    String theirs() {
        return "127.0.0.176";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
