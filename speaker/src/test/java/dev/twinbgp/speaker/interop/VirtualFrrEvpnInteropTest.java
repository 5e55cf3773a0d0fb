package dev.twinbgp.speaker.interop;

/** EVPN with FRR on the virtual reactor. */
class VirtualFrrEvpnInteropTest extends AbstractFrrEvpnInteropTest {
    @Override
    String ours() {
        return "127.0.0.153";
    }

    @Override
    String other() {
        return "127.0.0.155";
    }

    @Override
    String theirs() {
        return "127.0.0.154";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
