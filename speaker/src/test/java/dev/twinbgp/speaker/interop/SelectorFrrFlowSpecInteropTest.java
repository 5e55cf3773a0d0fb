package dev.twinbgp.speaker.interop;

/** FlowSpec to FRR on the selector reactor. */
class SelectorFrrFlowSpecInteropTest extends AbstractFrrFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.59";
    }

    @Override
    String theirs() {
        return "127.0.0.60";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
