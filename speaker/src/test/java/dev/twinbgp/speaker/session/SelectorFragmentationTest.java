package dev.twinbgp.speaker.session;

/** Fragmented and coalesced input on the selector reactor. */
class SelectorFragmentationTest extends AbstractFragmentationTest {
    @Override
    String reactor() {
        return "selector";
    }
}
