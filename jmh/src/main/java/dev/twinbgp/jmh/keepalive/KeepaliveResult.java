package dev.twinbgp.jmh.keepalive;

import dev.twinbgp.jmh.transfer.TransferResult;

/**
 * What one checked keepalives-under-load run measured.
 *
 * @param transfer         the table transfer on session 1 ({@code establishedToEorNanos}: from the
 *                         sender's announce to the receiver's End-of-RIB)
 * @param fromSenderGaps   gaps (ns) between KEEPALIVEs of session 2 sent by the loaded sender A,
 *                         as they arrived at B, over the transfer
 * @param fromReceiverGaps the same for KEEPALIVEs sent by the loaded receiver B, arriving at A
 * @param drops            times session 2 went down during the run (a hold timer expired on one
 *                         end), as the end that saw it more often counted
 */
public record KeepaliveResult(TransferResult transfer, long[] fromSenderGaps, long[] fromReceiverGaps, int drops) {
}
