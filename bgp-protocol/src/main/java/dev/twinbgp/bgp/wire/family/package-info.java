/**
 * Address families (AFI/SAFI, RFC 4760): {@link dev.twinbgp.bgp.wire.family.Family}, NLRI blocks kept as
 * received ({@link dev.twinbgp.bgp.wire.family.Nlri}) and unicast prefixes
 * ({@link dev.twinbgp.bgp.wire.family.Prefix}).
 */
package dev.twinbgp.bgp.wire.family;
