package dev.twinbgp.speaker.interop;

import dev.twinbgp.bgp.fsm.State;
import java.nio.file.Path;
import java.util.List;

/**
 * FRR's bgpd peered with our speaker ({@link Peering}): FRR is passive, we connect. With {@link #withReceiver} FRR
 * has a second neighbor, a second speaker of ours on the same reactor that only receives: FRR passes to it what
 * the first sends (eBGP), which is how a test sees FRR send routes it cannot originate.
 */
final class FrrPeering extends Peering<Frr> {
    private final Frr frr;
    private String receiverAddress;
    private long receiverAs;

    FrrPeering(Path dir, String reactor, String ours, String theirs, long ourAs, long theirAs) {
        super("frr", reactor, ours, theirs, ourAs, theirAs);
        frr = new Frr(dir, theirs, theirPort, theirAs, ours, ourPort, ourAs, HOLD_TIME, true);
    }

    @Override
    Frr daemon() {
        return frr;
    }

    /** A second speaker of ours at {@code address} in {@code asn} peering with FRR, in our first peer's families. */
    FrrPeering withReceiver(String address, long asn) {
        frr.withNeighbor(address, asn);
        receiverAddress = address;
        receiverAs = asn;
        return this;
    }

    /** The second speaker (after {@link #start}, with {@link #withReceiver}). */
    TwinSpeaker receiver() {
        return speakers.get(1);
    }

    @Override
    boolean daemonConnects() {
        return false;
    }

    @Override
    void awaitReady() {
        frr.await("FRR up", Interop.LONG, () -> frr.vtysh("show bgp summary").contains(ours));
    }

    @Override
    boolean daemonEstablished() {
        return frr.established();
    }

    @Override
    void started() throws Exception {
        if (receiverAddress == null) {
            return;
        }
        TwinSpeaker receiver = TwinSpeaker.start(reactor, List.of(settings(receiverAddress,
                session(receiverAs, receiverAddress, peer().settings().session().families()).build(), List.of())));
        speakers.add(receiver);
        Interop.until("our receiver Established", () -> receiver.peer().state() == State.ESTABLISHED, frr::log);
    }
}
