package dev.twinbgp.speaker.interop;

/** TCP MD5 and GTSM against BIRD 2 and FRR on the netty reactor. */
class NettyTcpSecurityInteropTest extends AbstractTcpSecurityInteropTest {
    @Override
    String ours() {
        return "127.0.0.183";
    }

    @Override
    String theirs() {
        return "127.0.0.184";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
