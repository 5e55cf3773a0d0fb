package dev.twinbgp.speaker.config;

/** AGGREGATOR (RFC 4271 section 5.1.7; 4-octet AS per RFC 6793). ExaBGP syntax: {@code aggregator ( asn:ip )}. */
public record Aggregator(long asn, IpAddress address) {
    @Override
    public String toString() {
        return "( " + asn + ":" + address + " )";
    }
}
