package dev.twinbgp.bgp.wire.family;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a run of prefixes into wire-form {@link Nlri} blocks of at most {@code budget} octets each,
 * in order, one block per {@link #next()}: the packer's one way to fill UPDATEs, whether it packs a
 * whole group at once or one UPDATE at a time while a session writes.
 */
public final class NlriChunks implements Iterator<Nlri> {
    private final Family family;
    private final boolean ids;
    private final Iterator<? extends Prefix> prefixes;
    private final int budget;
    private Prefix carry; // the prefix that did not fit in the previous block

    public NlriChunks(Family family, boolean ids, Iterator<? extends Prefix> prefixes, int budget) {
        if (budget < 4 + 1 + 16) {
            throw new IllegalArgumentException("attributes leave no room for NLRI in one message");
        }
        this.family = family;
        this.ids = ids;
        this.prefixes = prefixes;
        this.budget = budget;
    }

    @Override
    public boolean hasNext() {
        return carry != null || prefixes.hasNext();
    }

    @Override
    public Nlri next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Nlri.Builder b = Nlri.builder(family, ids);
        if (carry != null) {
            b.add(carry);
            carry = null;
        }
        while (prefixes.hasNext()) {
            Prefix p = prefixes.next();
            if (b.size() > 0 && b.wireLength() + p.wireSize(ids) > budget) {
                carry = p;
                break;
            }
            b.add(p);
        }
        return b.build();
    }
}
