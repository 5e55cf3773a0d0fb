package dev.twinbgp.speaker.session;

/** Receive back-pressure from a slow event reader, against the virtual reactor. */
class VirtualReceivePressureTest extends AbstractReceivePressureTest {
    @Override
    String reactor() {
        return "virtual";
    }
}
