package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Open;

import java.util.ArrayList;
import java.util.List;

/** RFC 6793 section 4.2: AS_TRANS substitution and the AS_PATH / AS4_PATH merge. */
public final class As4Merge {
    private As4Merge() {
    }

    /** The AS4_PATH to send beside a 2-octet AS_PATH, or null when every AS fits 2 octets (section 4.2.2). */
    static Attribute.As4Path as4PathFor(Attribute.AsPath path) {
        boolean big = path.segments().stream().flatMap(s -> s.asns().stream()).anyMatch(a -> a > 0xFFFF);
        if (!big) {
            return null;
        }
        // Section 4.2.2: AS4_PATH carries no confederation segments.
        return new Attribute.As4Path(path.segments().stream().filter(s -> !s.isConfederation()).toList());
    }

    /**
     * Section 4.2.3: if AGGREGATOR holds a real AS (not AS_TRANS) while AS4_AGGREGATOR is present, both
     * AS4 attributes are ignored. If AS_PATH has fewer ASes than AS4_PATH, AS4_PATH is ignored.
     * Otherwise the leading (AS_PATH count - AS4_PATH count) ASes of AS_PATH are kept and AS4_PATH
     * appended. Confederation segments of AS_PATH count for nothing and are kept in front.
     */
    static Attribute.AsPath asPath(Attribute.AsPath path, Attribute.As4Path as4, Attribute.Aggregator agg, Attribute.As4Aggregator as4agg) {
        if (as4 == null) {
            return path;
        }
        if (agg != null && as4agg != null && agg.asn() != Open.AS_TRANS) {
            return path;
        }
        int n2 = count(path.segments());
        int n4 = count(as4.segments());
        if (n2 < n4) {
            return path;
        }
        int keep = n2 - n4;
        List<AsPathSegment> out = new ArrayList<>();
        for (AsPathSegment s : path.segments()) {
            if (s.isConfederation()) {
                out.add(s);
                continue;
            }
            if (keep <= 0) {
                break;
            }
            int c = s.pathLength();
            if (s.type() == AsPathSegment.AS_SET || c <= keep) {
                out.add(s);
                keep -= c;
            } else {
                out.add(new AsPathSegment(s.type(), s.asns().subList(0, keep)));
                keep = 0;
            }
        }
        for (AsPathSegment s : as4.segments()) {
            AsPathSegment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.type() == AsPathSegment.AS_SEQUENCE && s.type() == AsPathSegment.AS_SEQUENCE
                    && last.asns().size() + s.asns().size() <= 255) {
                // Join the kept head of AS_PATH and AS4_PATH into one sequence, as the sender had it.
                List<Long> joined = new ArrayList<>(last.asns());
                joined.addAll(s.asns());
                out.set(out.size() - 1, new AsPathSegment(AsPathSegment.AS_SEQUENCE, joined));
            } else {
                out.add(s);
            }
        }
        return new Attribute.AsPath(out);
    }

    /** Number of ASes as RFC 4271 section 9.1.2.2 counts them (an AS_SET is one; confederation segments zero). */
    private static int count(List<AsPathSegment> segs) {
        int n = 0;
        for (AsPathSegment s : segs) {
            n += s.pathLength();
        }
        return n;
    }

    /** Section 4.2.3: AS4_AGGREGATOR replaces the AS of an AGGREGATOR holding AS_TRANS. */
    static Attribute.Aggregator aggregator(Attribute.Aggregator agg, Attribute.As4Aggregator as4agg) {
        if (as4agg == null || agg.asn() != Open.AS_TRANS) {
            return agg;
        }
        return new Attribute.Aggregator(as4agg.asn(), as4agg.address());
    }
}
