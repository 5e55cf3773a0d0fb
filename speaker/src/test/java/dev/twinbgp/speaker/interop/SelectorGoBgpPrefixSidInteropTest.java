package dev.twinbgp.speaker.interop;

/** Prefix-SID and AIGP with GoBGP on the selector reactor. */
class SelectorGoBgpPrefixSidInteropTest extends AbstractGoBgpPrefixSidInteropTest {
    @Override
    String ours() {
        return "127.0.40.1";
    }

    @Override
    String theirs() {
        return "127.0.40.2";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
