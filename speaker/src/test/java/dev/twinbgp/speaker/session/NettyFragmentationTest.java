package dev.twinbgp.speaker.session;

/** Fragmented and coalesced input on the netty reactor. */
class NettyFragmentationTest extends AbstractFragmentationTest {
    @Override
    String reactor() {
        return "netty";
    }
}
