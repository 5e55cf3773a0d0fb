package dev.twinbgp.jmh.daemon;

/** Where a receiver listens ({@code address:port}, its AS) and whom it expects (the sender's address and AS). */
record Endpoint(String address, int port, long asn, String peerAddress, long peerAsn) {
}
