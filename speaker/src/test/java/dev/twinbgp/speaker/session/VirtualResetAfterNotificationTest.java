package dev.twinbgp.speaker.session;

/** A peer's NOTIFICATION, then its reset, while we work through its table, against the virtual reactor. */
class VirtualResetAfterNotificationTest extends AbstractResetAfterNotificationTest {
    @Override
    String reactor() {
        return "virtual";
    }
}
