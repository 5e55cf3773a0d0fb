package dev.twinbgp.speaker.session;

/** Receive back-pressure from a slow event reader, against the selector reactor. */
class SelectorReceivePressureTest extends AbstractReceivePressureTest {
    @Override
    String reactor() {
        return "selector";
    }
}
