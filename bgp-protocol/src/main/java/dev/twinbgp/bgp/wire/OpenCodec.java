package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.OptionalParameter;

import static dev.twinbgp.bgp.wire.ErrorCodes.OPEN_BAD_BGP_IDENTIFIER;
import static dev.twinbgp.bgp.wire.ErrorCodes.OPEN_MESSAGE;
import static dev.twinbgp.bgp.wire.ErrorCodes.OPEN_UNACCEPTABLE_HOLD_TIME;
import static dev.twinbgp.bgp.wire.ErrorCodes.OPEN_UNSUPPORTED_OPTIONAL_PARAMETER;
import static dev.twinbgp.bgp.wire.ErrorCodes.OPEN_UNSUPPORTED_VERSION;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** OPEN decoding and encoding (RFC 4271 section 4.2 and 6.2, RFC 5492, RFC 9072). */
public final class OpenCodec {
    private OpenCodec() {
    }

    static final int MIN_BODY = 10;

    /**
     * Decodes an OPEN body. RFC 9072 section 2 extended form, recognised by Non-Ext OP Len 255 and
     * Non-Ext OP Type 255:
     * <pre>
     * | Non-Ext OP Len (1) = 255 | Non-Ext OP Type (1) = 255 | Extended Opt. Parm. Length (2) |
     * then each parameter:       | Parm. Type (1) | Parm. Length (2) | Parameter Value |
     * </pre>
     */
    static Decoded decode(byte[] b, int off, int len) {
        if (len < MIN_BODY) {
            // RFC 4271 section 6.1: an OPEN shorter than its minimum -> 1/2 with the Length field.
            int total = MessageFramer.HEADER_LENGTH + len;
            return new Decoded.Failed(new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_LENGTH,
                    new byte[] {(byte) (total >>> 8), (byte) total}, "OPEN shorter than 29 octets"));
        }
        int version = b[off] & 0xFF;
        if (version != 4) {
            // RFC 4271 section 6.2: 2/1, data = the largest supported version (2 octets).
            return new Decoded.Failed(new WireError(OPEN_MESSAGE, OPEN_UNSUPPORTED_VERSION, new byte[] {0, 4},
                    "unsupported BGP version " + version));
        }
        int myAs = Bytes.u16(b, off + 1);
        int hold = Bytes.u16(b, off + 3);
        long id = Bytes.u32(b, off + 5);
        if (hold == 1 || hold == 2) {
            // RFC 4271 section 6.2: Hold Time of one or two seconds MUST be rejected -> 2/6.
            return new Decoded.Failed(new WireError(OPEN_MESSAGE, OPEN_UNACCEPTABLE_HOLD_TIME, "hold time " + hold));
        }
        if (id == 0) {
            // RFC 4271 section 6.2 and RFC 6286 section 2.1: the BGP Identifier must be non-zero -> 2/3.
            return new Decoded.Failed(new WireError(OPEN_MESSAGE, OPEN_BAD_BGP_IDENTIFIER, "BGP Identifier 0"));
        }
        int optLen = b[off + 9] & 0xFF;
        int p = off + MIN_BODY;
        int end = off + len;
        boolean extended = optLen == 255 && len >= MIN_BODY + 3 && (b[p] & 0xFF) == 255;
        int lenSize = 1;
        if (extended) {
            optLen = Bytes.u16(b, p + 1);
            p += 3;
            lenSize = 2;
        }
        if (p + optLen != end) {
            // The optional parameters must fill the message exactly; RFC 4271 section 6.2: malformed -> 2/0.
            return malformed("Optional Parameters Length " + optLen + " disagrees with the message length");
        }
        List<OptionalParameter> params = new ArrayList<>();
        while (p < end) {
            if (end - p < 1 + lenSize) {
                return malformed("truncated optional parameter header");
            }
            int type = b[p] & 0xFF;
            int plen = lenSize == 2 ? Bytes.u16(b, p + 1) : b[p + 1] & 0xFF;
            p += 1 + lenSize;
            if (plen > end - p) {
                return malformed("optional parameter overruns the message");
            }
            if (type != OptionalParameter.CAPABILITIES) {
                // RFC 4271 section 6.2: an unrecognized optional parameter -> 2/4.
                return new Decoded.Failed(new WireError(OPEN_MESSAGE, OPEN_UNSUPPORTED_OPTIONAL_PARAMETER,
                        "unsupported optional parameter type " + type));
            }
            List<Capability> caps = capabilities(b, p, plen);
            if (caps == null) {
                return malformed("capability overruns its optional parameter");
            }
            params.add(new OptionalParameter.Capabilities(caps));
            p += plen;
        }
        return new Decoded.Ok(new Open(version, myAs, hold, id, params, extended));
    }

    private static Decoded malformed(String reason) {
        return new Decoded.Failed(new WireError(OPEN_MESSAGE, 0, reason));
    }

    /** Capability TLVs (RFC 5492 section 4): code (1), length (1), value. Null if a TLV overruns. */
    private static List<Capability> capabilities(byte[] b, int off, int len) {
        List<Capability> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 2) {
                return null;
            }
            int code = b[p] & 0xFF;
            int clen = b[p + 1] & 0xFF;
            p += 2;
            if (clen > end - p) {
                return null;
            }
            out.add(capability(code, b, p, clen));
            p += clen;
        }
        return out;
    }

    /**
     * One capability value. A known capability whose value does not parse is kept as
     * {@link Capability.Unknown}: RFC 5492 section 4 has a speaker ignore capabilities it does not
     * understand, so the capability simply is not negotiated (and is re-encoded unchanged).
     */
    static Capability capability(int code, byte[] b, int off, int len) {
        Capability c = switch (code) {
            // RFC 4760 section 8: AFI (2), Reserved (1, ignored), SAFI (1).
            case Capability.MULTIPROTOCOL -> len == 4 ? new Capability.Multiprotocol(new Family(Bytes.u16(b, off), b[off + 3] & 0xFF)) : null;
            case Capability.ROUTE_REFRESH -> len == 0 ? new Capability.RouteRefresh() : null;
            case Capability.ENHANCED_ROUTE_REFRESH -> len == 0 ? new Capability.EnhancedRouteRefresh() : null;
            case Capability.EXTENDED_MESSAGE -> len == 0 ? new Capability.ExtendedMessage() : null;
            case Capability.LINK_LOCAL_NEXT_HOP -> len == 0 ? new Capability.LinkLocalNextHop() : null;
            case Capability.EXTENDED_NEXT_HOP -> {
                if (len == 0 || len % 6 != 0) {
                    yield null;
                }
                List<Capability.ExtendedNextHop.Entry> e = new ArrayList<>();
                for (int i = off; i < off + len; i += 6) {
                    e.add(new Capability.ExtendedNextHop.Entry(Bytes.u16(b, i), Bytes.u16(b, i + 2), Bytes.u16(b, i + 4)));
                }
                yield new Capability.ExtendedNextHop(e);
            }
            case Capability.GRACEFUL_RESTART -> {
                if (len < 2 || (len - 2) % 4 != 0) {
                    yield null;
                }
                int v = Bytes.u16(b, off);
                List<Capability.GracefulRestart.Entry> e = new ArrayList<>();
                for (int i = off + 2; i < off + len; i += 4) {
                    e.add(new Capability.GracefulRestart.Entry(new Family(Bytes.u16(b, i), b[i + 2] & 0xFF), b[i + 3] & 0xFF));
                }
                yield new Capability.GracefulRestart(v >>> 12, v & 0xFFF, e);
            }
            case Capability.FOUR_OCTET_AS -> len == 4 ? new Capability.FourOctetAs(Bytes.u32(b, off)) : null;
            case Capability.ADD_PATH -> {
                if (len == 0 || len % 4 != 0) {
                    yield null;
                }
                List<Capability.AddPath.Entry> e = new ArrayList<>();
                for (int i = off; i < off + len; i += 4) {
                    AddPathMode m = AddPathMode.fromCode(b[i + 3] & 0xFF);
                    if (m == null) {
                        yield null;
                    }
                    e.add(new Capability.AddPath.Entry(new Family(Bytes.u16(b, i), b[i + 2] & 0xFF), m));
                }
                yield new Capability.AddPath(e);
            }
            case Capability.FQDN -> {
                // draft-walton-bgp-hostname-capability section 3: host len (1), host, domain len (1), domain.
                if (len < 2 || 1 + (b[off] & 0xFF) + 1 > len) {
                    yield null;
                }
                int hl = b[off] & 0xFF;
                int dl = b[off + 1 + hl] & 0xFF;
                if (2 + hl + dl != len) {
                    yield null;
                }
                String host = utf8(b, off + 1, hl);
                String domain = utf8(b, off + 2 + hl, dl);
                yield host == null || domain == null ? null : new Capability.Fqdn(host, domain);
            }
            case Capability.SOFTWARE_VERSION -> {
                // draft-ietf-idr-software-version section 2: length (1) then UTF-8.
                if (len < 1 || 1 + (b[off] & 0xFF) != len) {
                    yield null;
                }
                String v = utf8(b, off + 1, len - 1);
                yield v == null ? null : new Capability.SoftwareVersion(v);
            }
            default -> null;
        };
        return c != null ? c : new Capability.Unknown(code, Bytes.slice(b, off, len));
    }

    /** Strict UTF-8 (malformed input -> null, so the capability stays opaque and round-trips). */
    static String utf8(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- encoding

    static void write(Open o, WireWriter w) {
        w.u8(o.version()).u16(o.myAs()).u16(o.holdTime()).u32(o.bgpIdentifier());
        List<byte[]> values = new ArrayList<>(o.parameters().size());
        int total = 0;
        for (OptionalParameter p : o.parameters()) {
            byte[] v = parameterValue(p);
            values.add(v);
            total += v.length;
        }
        // RFC 9072 section 2: the extended form when asked for, or when a parameter or the total needs it.
        boolean extended = o.extendedParameters() || total + 2 * values.size() > 255
                || values.stream().anyMatch(v -> v.length > 255);
        if (extended) {
            w.u8(255).u8(255).u16(total + 3 * values.size());
        } else {
            w.u8(total + 2 * values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            w.u8(o.parameters().get(i).type());
            if (extended) {
                w.u16(values.get(i).length);
            } else {
                w.u8(values.get(i).length);
            }
            w.bytes(values.get(i));
        }
    }

    private static byte[] parameterValue(OptionalParameter p) {
        return switch (p) {
            case OptionalParameter.Capabilities c -> {
                WireWriter w = new WireWriter(32);
                for (Capability cap : c.capabilities()) {
                    byte[] v = capabilityValue(cap);
                    if (v.length > 255) {
                        throw new IllegalArgumentException("capability value too long: " + cap);
                    }
                    w.u8(cap.code()).u8(v.length).bytes(v);
                }
                yield w.toByteArray();
            }
            case OptionalParameter.Unknown u -> u.value();
        };
    }

    /** The value of one capability; also used for the data of 2/7 (RFC 5492 section 5). */
    static byte[] capabilityValue(Capability c) {
        WireWriter w = new WireWriter(16);
        switch (c) {
            case Capability.Multiprotocol m -> w.u16(m.family().afi()).u8(0).u8(m.family().safi());
            case Capability.RouteRefresh r -> { }
            case Capability.EnhancedRouteRefresh r -> { }
            case Capability.ExtendedMessage m -> { }
            case Capability.LinkLocalNextHop l -> { }
            case Capability.ExtendedNextHop e -> e.entries().forEach(x -> w.u16(x.afi()).u16(x.safi()).u16(x.nextHopAfi()));
            case Capability.GracefulRestart g -> {
                w.u16((g.restartFlags() & 0xF) << 12 | (g.restartTime() & 0xFFF));
                g.entries().forEach(x -> w.u16(x.family().afi()).u8(x.family().safi()).u8(x.flags()));
            }
            case Capability.FourOctetAs f -> w.u32(f.asn());
            case Capability.AddPath a -> a.entries().forEach(x -> w.u16(x.family().afi()).u8(x.family().safi()).u8(x.mode().code()));
            case Capability.Fqdn f -> {
                byte[] h = f.hostName().getBytes(StandardCharsets.UTF_8);
                byte[] d = f.domainName().getBytes(StandardCharsets.UTF_8);
                w.u8(h.length).bytes(h).u8(d.length).bytes(d);
            }
            case Capability.SoftwareVersion s -> {
                byte[] v = s.version().getBytes(StandardCharsets.UTF_8);
                w.u8(v.length).bytes(v);
            }
            case Capability.Unknown u -> w.bytes(u.value());
        }
        return w.toByteArray();
    }
}
