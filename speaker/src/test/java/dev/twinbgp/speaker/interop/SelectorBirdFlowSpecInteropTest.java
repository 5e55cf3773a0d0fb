package dev.twinbgp.speaker.interop;

/** FlowSpec to BIRD 2 on the selector reactor. */
class SelectorBirdFlowSpecInteropTest extends AbstractBirdFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.55";
    }

    @Override
    String theirs() {
        return "127.0.0.56";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
