package dev.twinbgp.bgp.wire.capability;

import java.util.Arrays;
import java.util.List;

/** An OPEN optional parameter (RFC 4271 section 4.2; capabilities are type 2, RFC 5492). */
public sealed interface OptionalParameter {
    int CAPABILITIES = 2;

    int type();

    /** Type 2: one or more capabilities. ExaBGP sends one capability per parameter; BIRD groups them. */
    record Capabilities(List<Capability> capabilities) implements OptionalParameter {
        public Capabilities { capabilities = List.copyOf(capabilities); }
        public int type() { return CAPABILITIES; }
    }

    /** Any other parameter type: kept, but a receiver answers it with 2/4 (RFC 4271 section 6.2). */
    record Unknown(int type, byte[] value) implements OptionalParameter {
        public Unknown { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public boolean equals(Object o) {
            return o instanceof Unknown u && u.type == type && Arrays.equals(u.value, value);
        }
        @Override public int hashCode() { return type * 31 + Arrays.hashCode(value); }
        @Override public String toString() { return "Unknown[type=" + type + ", value=" + java.util.HexFormat.of().formatHex(value) + "]"; }
    }
}
