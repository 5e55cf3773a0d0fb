package dev.twinbgp.speaker.interop;

/** Prefix-SID and AIGP with FRR on the selector reactor. */
class SelectorFrrPrefixSidInteropTest extends AbstractFrrPrefixSidInteropTest {
    @Override
    String ours() {
        return "127.0.40.11";
    }

    @Override
    String theirs() {
        return "127.0.40.12";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
