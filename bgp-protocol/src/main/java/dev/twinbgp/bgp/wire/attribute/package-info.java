/**
 * Path attributes (RFC 4271 section 4.3 and 5, RFC 4760, RFC 6793, RFC 4360, RFC 8092...): the sealed
 * {@link dev.twinbgp.bgp.wire.attribute.Attribute} values, their codec with RFC 7606 error handling, the
 * allocation-free {@link dev.twinbgp.bgp.wire.attribute.AttributeScan} of the common case and the shareable
 * {@link dev.twinbgp.bgp.wire.attribute.Attributes} set.
 */
package dev.twinbgp.bgp.wire.attribute;
