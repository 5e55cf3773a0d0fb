package dev.twinbgp.speaker.interop;

/** FlowSpec to FRR on the virtual reactor. */
class VirtualFrrFlowSpecInteropTest extends AbstractFrrFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.65";
    }

    @Override
    String theirs() {
        return "127.0.0.66";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
