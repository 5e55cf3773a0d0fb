package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.AttributeError;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * UPDATE (RFC 4271 section 4.3).
 * <pre>
 * +-----------------------------------------------------+
 * |   Withdrawn Routes Length (2 octets)                |
 * +-----------------------------------------------------+
 * |   Withdrawn Routes (variable)                       |
 * +-----------------------------------------------------+
 * |   Total Path Attribute Length (2 octets)            |
 * +-----------------------------------------------------+
 * |   Path Attributes (variable)                        |
 * +-----------------------------------------------------+
 * |   Network Layer Reachability Information (variable) |
 * +-----------------------------------------------------+
 * </pre>
 * Immutable. The path attributes are split: MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760) are held
 * here beside the IPv4 withdrawn routes and NLRI; all other attributes are in a shareable
 * {@link Attributes}. A decoded UPDATE also carries the RFC 7606 outcome of attribute errors that
 * did not reset the session: {@link #treatAsWithdraw()} and {@link #attributeErrors()}.
 */
public final class Update implements BgpMessage {
    private final Nlri withdrawn;
    private final Attributes attributes;
    private final Attribute.MpReach mpReach;
    private final Attribute.MpUnreach mpUnreach;
    private final Nlri nlri;
    private final List<AttributeError> attributeErrors;

    /**
     * @param withdrawn       IPv4 unicast withdrawn routes (path ids as the session's ADD-PATH says)
     * @param attributes      path attributes other than MP_REACH/MP_UNREACH
     * @param mpReach         MP_REACH_NLRI or null
     * @param mpUnreach       MP_UNREACH_NLRI or null
     * @param nlri            IPv4 unicast NLRI
     * @param attributeErrors RFC 7606 outcomes of attribute errors found while decoding (empty when built locally)
     */
    public Update(Nlri withdrawn, Attributes attributes, Attribute.MpReach mpReach, Attribute.MpUnreach mpUnreach,
                  Nlri nlri, List<AttributeError> attributeErrors) {
        this.withdrawn = requireIpv4(withdrawn, "withdrawn");
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.mpReach = mpReach;
        this.mpUnreach = mpUnreach;
        this.nlri = requireIpv4(nlri, "nlri");
        this.attributeErrors = List.copyOf(attributeErrors);
    }

    public Update(Nlri withdrawn, Attributes attributes, Attribute.MpReach mpReach, Attribute.MpUnreach mpUnreach, Nlri nlri) {
        this(withdrawn, attributes, mpReach, mpUnreach, nlri, List.of());
    }

    /** The empty UPDATE (the IPv4 unicast End-of-RIB); kept from the placeholder this class replaced. */
    public Update() {
        this(Nlri.empty(Family.IPV4_UNICAST, false), Attributes.EMPTY, Nlri.empty(Family.IPV4_UNICAST, false));
    }

    /** An IPv4 unicast UPDATE without MP attributes. */
    public Update(Nlri withdrawn, Attributes attributes, Nlri nlri) {
        this(withdrawn, attributes, null, null, nlri, List.of());
    }

    private static Nlri requireIpv4(Nlri n, String what) {
        if (!Family.IPV4_UNICAST.equals(n.family())) {
            throw new IllegalArgumentException(what + " must be IPv4 unicast (others go in MP_REACH/MP_UNREACH): " + n.family());
        }
        return n;
    }

    /** IPv4 unicast announcement. */
    public static Update announce(Attributes attributes, Nlri nlri) {
        return new Update(Nlri.empty(Family.IPV4_UNICAST, nlri.hasPathIds()), attributes, nlri);
    }

    /** IPv4 unicast withdrawal. */
    public static Update withdraw(Nlri withdrawn) {
        return new Update(withdrawn, Attributes.EMPTY, Nlri.empty(Family.IPV4_UNICAST, withdrawn.hasPathIds()));
    }

    /**
     * The End-of-RIB marker (RFC 4724 section 2): an empty UPDATE for IPv4 unicast, otherwise an UPDATE
     * whose only attribute is an MP_UNREACH_NLRI with that AFI/SAFI and no withdrawn routes.
     */
    public static Update endOfRib(Family family) {
        Nlri noIpv4 = Nlri.empty(Family.IPV4_UNICAST, false);
        if (family.equals(Family.IPV4_UNICAST)) {
            return new Update(noIpv4, Attributes.EMPTY, noIpv4);
        }
        return new Update(noIpv4, Attributes.EMPTY, null, new Attribute.MpUnreach(family, Nlri.empty(family, false)), noIpv4);
    }

    /** Whether this is an End-of-RIB marker (RFC 4724 section 2). */
    public boolean isEndOfRib() {
        return endOfRibFamily().isPresent();
    }

    /** The family whose End-of-RIB this is, if it is one. */
    public Optional<Family> endOfRibFamily() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty() || !attributes.isEmpty() || mpReach != null) {
            return Optional.empty();
        }
        if (mpUnreach == null) {
            return Optional.of(Family.IPV4_UNICAST);
        }
        return mpUnreach.nlri().isEmpty() ? Optional.of(mpUnreach.family()) : Optional.empty();
    }

    public Nlri withdrawn() {
        return withdrawn;
    }

    public Attributes attributes() {
        return attributes;
    }

    public Optional<Attribute.MpReach> mpReach() {
        return Optional.ofNullable(mpReach);
    }

    public Optional<Attribute.MpUnreach> mpUnreach() {
        return Optional.ofNullable(mpUnreach);
    }

    public Nlri nlri() {
        return nlri;
    }

    /** Every announced block: IPv4 NLRI (if any) and MP_REACH NLRI (if any). */
    public List<Nlri> announced() {
        List<Nlri> out = new ArrayList<>(2);
        if (!nlri.isEmpty()) {
            out.add(nlri);
        }
        if (mpReach != null && !mpReach.nlri().isEmpty()) {
            out.add(mpReach.nlri());
        }
        return out;
    }

    /** Every withdrawn block: IPv4 withdrawn routes (if any) and MP_UNREACH NLRI (if any). */
    public List<Nlri> withdrawnAll() {
        List<Nlri> out = new ArrayList<>(2);
        if (!withdrawn.isEmpty()) {
            out.add(withdrawn);
        }
        if (mpUnreach != null && !mpUnreach.nlri().isEmpty()) {
            out.add(mpUnreach.nlri());
        }
        return out;
    }

    /** Attribute errors that did not reset the session (RFC 7606); empty for a clean or locally built UPDATE. */
    public List<AttributeError> attributeErrors() {
        return attributeErrors;
    }

    /**
     * RFC 7606 section 2: the routes announced by this UPDATE must be handled as withdrawn
     * (its announced prefixes, IPv4 and MP_REACH, are to be removed, not installed).
     */
    public boolean treatAsWithdraw() {
        for (AttributeError e : attributeErrors) {
            if (e.action() == ErrorAction.TREAT_AS_WITHDRAW) {
                return true;
            }
        }
        return false;
    }

    /** The same UPDATE without the decode-time attribute errors (e.g. to compare or re-send). */
    public Update withoutErrors() {
        return attributeErrors.isEmpty() ? this : new Update(withdrawn, attributes, mpReach, mpUnreach, nlri, List.of());
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Update u && u.withdrawn.equals(withdrawn) && u.attributes.equals(attributes)
                && Objects.equals(u.mpReach, mpReach) && Objects.equals(u.mpUnreach, mpUnreach)
                && u.nlri.equals(nlri) && u.attributeErrors.equals(attributeErrors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(withdrawn, attributes, mpReach, mpUnreach, nlri);
    }

    @Override
    public String toString() {
        Optional<Family> eor = endOfRibFamily();
        if (eor.isPresent()) {
            return "Update[End-of-RIB " + eor.get() + "]";
        }
        StringBuilder sb = new StringBuilder("Update[");
        if (!withdrawn.isEmpty()) {
            sb.append("withdrawn=").append(withdrawn).append(", ");
        }
        sb.append(attributes);
        if (mpReach != null) {
            sb.append(", ").append(mpReach);
        }
        if (mpUnreach != null) {
            sb.append(", ").append(mpUnreach);
        }
        if (!nlri.isEmpty()) {
            sb.append(", nlri=").append(nlri);
        }
        if (!attributeErrors.isEmpty()) {
            sb.append(", errors=").append(attributeErrors);
        }
        return sb.append(']').toString();
    }
}
