package dev.twinbgp.speaker.interop;

/** Route Target Constraint with GoBGP against the selector reactor. */
class SelectorGoBgpRtcInteropTest extends AbstractGoBgpRtcInteropTest {
    @Override
    String ours() {
        return "127.0.97.1";
    }

    @Override
    String theirs() {
        return "127.0.97.2";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
