package dev.twinbgp.speaker.interop;

/** FlowSpec to FRR on the netty reactor. */
class NettyFrrFlowSpecInteropTest extends AbstractFrrFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.61";
    }

    @Override
    String theirs() {
        return "127.0.0.62";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
