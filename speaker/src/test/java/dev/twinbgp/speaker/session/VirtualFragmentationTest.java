package dev.twinbgp.speaker.session;

/** Fragmented and coalesced input on the virtual reactor. */
class VirtualFragmentationTest extends AbstractFragmentationTest {
    @Override
    String reactor() {
        return "virtual";
    }
}
