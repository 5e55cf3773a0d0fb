package dev.twinbgp.speaker.interop;

/** L3VPN and labeled unicast to FRR on the virtual reactor. */
class VirtualFrrVpnInteropTest extends AbstractFrrVpnInteropTest {
    @Override
    String ours() {
        return "127.0.13.15";
    }

    @Override
    String theirs() {
        return "127.0.13.16";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
