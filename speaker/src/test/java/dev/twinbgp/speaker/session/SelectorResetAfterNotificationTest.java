package dev.twinbgp.speaker.session;

/** A peer's NOTIFICATION, then its reset, while we work through its table, against the selector reactor. */
class SelectorResetAfterNotificationTest extends AbstractResetAfterNotificationTest {
    @Override
    String reactor() {
        return "selector";
    }
}
