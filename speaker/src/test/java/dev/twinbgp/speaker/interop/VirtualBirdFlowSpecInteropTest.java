package dev.twinbgp.speaker.interop;

/** FlowSpec to BIRD 2 on the virtual reactor. */
class VirtualBirdFlowSpecInteropTest extends AbstractBirdFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.63";
    }

    @Override
    String theirs() {
        return "127.0.0.64";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
