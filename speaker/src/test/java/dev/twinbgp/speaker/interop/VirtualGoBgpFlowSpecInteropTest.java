package dev.twinbgp.speaker.interop;

/** FlowSpec with GoBGP on the virtual reactor. */
class VirtualGoBgpFlowSpecInteropTest extends AbstractGoBgpFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.67";
    }

    @Override
    String theirs() {
        return "127.0.0.68";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
