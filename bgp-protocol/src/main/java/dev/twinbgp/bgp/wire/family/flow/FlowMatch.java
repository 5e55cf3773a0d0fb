package dev.twinbgp.bgp.wire.family.flow;

import java.util.List;

/** A numeric or bitmask component (RFC 8955 section 4.2.2.3-4.2.2.12, RFC 8956 section 3.3-3.7): type, then its pairs. */
public record FlowMatch(int type, List<FlowOp> ops) implements FlowComponent {
    public FlowMatch {
        if (type < PROTOCOL || type > 0xFF || ops.isEmpty()) {
            throw new IllegalArgumentException("component " + type + " with " + ops.size() + " operators");
        }
        ops = List.copyOf(ops);
    }

    @Override
    public int wireSize() {
        int n = 1;
        for (FlowOp op : ops) {
            n += op.wireSize();
        }
        return n;
    }

    @Override
    public int writeTo(byte[] out, int pos) {
        out[pos++] = (byte) type;
        for (int i = 0; i < ops.size(); i++) {
            pos = ops.get(i).writeTo(out, pos, i == ops.size() - 1);
        }
        return pos;
    }
}
