/**
 * The BGP-4 wire codec: immutable message values and their encoding (RFC 4271 and extensions).
 *
 * <ul>
 *   <li>{@link dev.twinbgp.bgp.wire.MessageFramer}: byte stream to {@link dev.twinbgp.bgp.wire.Frame}s, header errors 1/x.</li>
 *   <li>{@link dev.twinbgp.bgp.wire.MessageDecoder}: frame to {@link dev.twinbgp.bgp.wire.Decoded} (a message or a
 *       {@link dev.twinbgp.bgp.wire.WireError}), parameterised by {@link dev.twinbgp.bgp.wire.capability.Negotiated}.</li>
 *   <li>{@link dev.twinbgp.bgp.wire.MessageEncoder}: message to bytes for a session;
 *       {@link dev.twinbgp.bgp.wire.UpdatePacker} splits large announcements.</li>
 *   <li>{@link dev.twinbgp.bgp.wire.Update} keeps prefixes as compact {@link dev.twinbgp.bgp.wire.family.Nlri} blocks and
 *       path attributes as a shareable {@link dev.twinbgp.bgp.wire.attribute.Attributes}.</li>
 * </ul>
 * Subpackages: {@code attribute} (path attributes, RFC 4271 section 5 and extensions), {@code capability}
 * (OPEN capabilities and what a session negotiated), {@code family} (address families: {@code Family},
 * NLRI blocks, unicast prefixes; one subpackage per family group as they are added).
 * Nothing here does I/O, starts threads or reads the clock; bad input never throws.
 */
package dev.twinbgp.bgp.wire;
