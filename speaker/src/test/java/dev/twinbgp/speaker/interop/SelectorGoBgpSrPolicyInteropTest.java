package dev.twinbgp.speaker.interop;

/** SR Policy with GoBGP on the selector reactor. */
class SelectorGoBgpSrPolicyInteropTest extends AbstractGoBgpSrPolicyInteropTest {
    @Override
    String ours() {
        return "127.0.0.171";
    }

    @Override
    String theirs() {
        return "127.0.0.172";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
