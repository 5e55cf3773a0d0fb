package dev.twinbgp.speaker.interop;

/** FlowSpec with GoBGP on the selector reactor. */
class SelectorGoBgpFlowSpecInteropTest extends AbstractGoBgpFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.51";
    }

    @Override
    String theirs() {
        return "127.0.0.52";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
