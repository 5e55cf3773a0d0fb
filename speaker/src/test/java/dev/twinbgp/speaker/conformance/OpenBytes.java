package dev.twinbgp.speaker.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole OPEN message (RFC 4271 section 4.2) taken apart just enough to edit it, and put back together
 * with every length recomputed. Written against the RFC, independently of twinbgp's codec, so the test
 * peer checks the codec rather than trusting it.
 * <pre>
 *  marker (16) | length (2) | type 1 | version (1) | my AS (2) | hold time (2) | BGP identifier (4)
 *  | opt parm len (1) | parameters: type (1), length (1), value; type 2 = capabilities:
 *                                  code (1), length (1), value (RFC 5492 section 4)
 * </pre>
 */
final class OpenBytes {
    static final int FOUR_OCTET_AS = 65;
    static final int SOFTWARE_VERSION = 75;
    private static final int AS_TRANS = 23456; // RFC 6793 section 9

    /** One optional parameter; for capabilities (type 2) its capabilities, else its raw value. */
    record Parameter(int type, byte[] raw, List<Capability> capabilities) { }

    record Capability(int code, byte[] value) { }

    private final byte[] fixed; // version .. BGP identifier: 9 octets
    private final List<Parameter> parameters;

    private OpenBytes(byte[] fixed, List<Parameter> parameters) {
        this.fixed = fixed;
        this.parameters = parameters;
    }

    static OpenBytes parse(byte[] message) {
        if (message.length < 29 || message[18] != 1) {
            throw new IllegalArgumentException("not an OPEN message");
        }
        byte[] fixed = java.util.Arrays.copyOfRange(message, 19, 28);
        int end = 29 + (message[28] & 0xFF);
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 29; i < end; ) {
            int type = message[i] & 0xFF;
            int length = message[i + 1] & 0xFF;
            byte[] value = java.util.Arrays.copyOfRange(message, i + 2, i + 2 + length);
            List<Capability> caps = new ArrayList<>();
            if (type == 2) {
                for (int j = 0; j < value.length; ) {
                    int capLength = value[j + 1] & 0xFF;
                    caps.add(new Capability(value[j] & 0xFF, java.util.Arrays.copyOfRange(value, j + 2, j + 2 + capLength)));
                    j += 2 + capLength;
                }
            }
            parameters.add(new Parameter(type, value, caps));
            i += 2 + length;
        }
        return new OpenBytes(fixed, parameters);
    }

    /**
     * What the ExaBGP test peer answers: the same OPEN with the BGP identifier's last octet plus one and,
     * when {@code asn} is given, that AS in the My AS field and the 4-octet AS capability; optionally with an
     * extra capability 66 ("loremipsum"), which the speaker must ignore (RFC 5492 section 3).
     */
    OpenBytes mirrored(Long asn, boolean unknownCapability) {
        byte[] f = fixed.clone();
        f[8] = (byte) (f[8] + 1);
        List<Parameter> params = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.type() != 2 || asn == null) {
                params.add(p);
                continue;
            }
            List<Capability> caps = new ArrayList<>();
            for (Capability c : p.capabilities()) {
                caps.add(c.code() == FOUR_OCTET_AS ? new Capability(FOUR_OCTET_AS, u32(asn)) : c);
            }
            params.add(new Parameter(2, null, caps));
        }
        if (asn != null) {
            int my = asn > 0xFFFF ? AS_TRANS : (int) (long) asn;
            f[1] = (byte) (my >> 8);
            f[2] = (byte) my;
        }
        if (unknownCapability) {
            params.add(new Parameter(2, null, List.of(new Capability(66, "loremipsum".getBytes(StandardCharsets.US_ASCII)))));
        }
        return new OpenBytes(f, params);
    }

    /** The same OPEN with the Software Version capability's text (draft-ietf-idr-software-version) replaced. */
    OpenBytes withSoftwareVersion(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[utf8.length + 1];
        value[0] = (byte) utf8.length;
        System.arraycopy(utf8, 0, value, 1, utf8.length);
        List<Parameter> params = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.type() != 2) {
                params.add(p);
                continue;
            }
            params.add(new Parameter(2, null, p.capabilities().stream()
                    .map(c -> c.code() == SOFTWARE_VERSION ? new Capability(SOFTWARE_VERSION, value) : c).toList()));
        }
        return new OpenBytes(fixed, params);
    }

    byte[] toMessage() {
        ByteArrayOutputStream optional = new ByteArrayOutputStream();
        for (Parameter p : parameters) {
            byte[] value = p.type() == 2 ? capabilities(p.capabilities()) : p.raw();
            optional.write(p.type());
            optional.write(value.length);
            optional.writeBytes(value);
        }
        byte[] params = optional.toByteArray();
        int length = 19 + fixed.length + 1 + params.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int i = 0; i < 16; i++) {
            out.write(0xFF);
        }
        out.write(length >> 8);
        out.write(length);
        out.write(1);
        out.writeBytes(fixed);
        out.write(params.length);
        out.writeBytes(params);
        return out.toByteArray();
    }

    private static byte[] capabilities(List<Capability> caps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Capability c : caps) {
            out.write(c.code());
            out.write(c.value().length);
            out.writeBytes(c.value());
        }
        return out.toByteArray();
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
}
