package dev.twinbgp.speaker.interop;

/** EVPN with FRR on the selector reactor. */
class SelectorFrrEvpnInteropTest extends AbstractFrrEvpnInteropTest {
    @Override
    String ours() {
        return "127.0.0.147";
    }

    @Override
    String other() {
        return "127.0.0.149";
    }

    @Override
    String theirs() {
        return "127.0.0.148";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
