/**
 * OPEN optional parameters and capabilities (RFC 5492 and the capability RFCs), and
 * {@link dev.twinbgp.bgp.wire.capability.Negotiated}: what both sides agreed on, which parameterises the codec.
 */
package dev.twinbgp.bgp.wire.capability;
