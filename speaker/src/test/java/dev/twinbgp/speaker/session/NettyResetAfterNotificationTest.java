package dev.twinbgp.speaker.session;

/** A peer's NOTIFICATION, then its reset, while we work through its table, against the netty reactor. */
class NettyResetAfterNotificationTest extends AbstractResetAfterNotificationTest {
    @Override
    String reactor() {
        return "netty";
    }
}
