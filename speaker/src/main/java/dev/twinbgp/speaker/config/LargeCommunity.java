package dev.twinbgp.speaker.config;

/** A large community (RFC 8092 section 3): three unsigned 32-bit numbers, {@code global:local1:local2}. */
public record LargeCommunity(long globalAdministrator, long localData1, long localData2) {
    public LargeCommunity {
        for (long part : new long[] {globalAdministrator, localData1, localData2}) {
            if (part < 0 || part > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("large community part out of range: " + part);
            }
        }
    }

    @Override
    public String toString() {
        return globalAdministrator + ":" + localData1 + ":" + localData2;
    }
}
