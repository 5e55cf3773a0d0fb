package dev.twinbgp.speaker.interop;

/** SR Policy with GoBGP on the virtual reactor. */
class VirtualGoBgpSrPolicyInteropTest extends AbstractGoBgpSrPolicyInteropTest {
    @Override
    String ours() {
        return "127.0.0.175";
    }

    @Override
    String theirs() {
        return "127.0.0.176";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
