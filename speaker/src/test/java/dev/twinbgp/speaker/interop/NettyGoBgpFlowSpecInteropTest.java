package dev.twinbgp.speaker.interop;

/** FlowSpec with GoBGP on the netty reactor. */
class NettyGoBgpFlowSpecInteropTest extends AbstractGoBgpFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.53";
    }

    @Override
    String theirs() {
        return "127.0.0.54";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
