package dev.twinbgp.speaker.interop;

/** TCP MD5 and GTSM against BIRD 2 and FRR on the selector reactor. */
class SelectorTcpSecurityInteropTest extends AbstractTcpSecurityInteropTest {
    @Override
    String ours() {
        return "127.0.0.181";
    }

    @Override
    String theirs() {
        return "127.0.0.182";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
