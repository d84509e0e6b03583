package org.backprop4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.ndarray.NDArray;

/**
 * The reverse sweep: visits the graph below a root in reverse topological order, calls each op's
 * backward once with the sum of the gradients from all of its consumers (the "+=" at nodes with
 * several consumers is what sums the chain rule over every path), and accumulates into leaves.
 */
final class Backward {
    private Backward() {
    }

    /** This thread's sweep state, reused so that a warm training step's sweep allocates nothing. */
    private static final ThreadLocal<Sweep> SWEEPS = ThreadLocal.withInitial(Sweep::new);

    static void run(Tensor root, NDArray seed, boolean retainGraph) {
        Sweep sweep = SWEEPS.get();
        if (sweep.inUse) { // a backward run from inside a backward: its own state
            sweep = new Sweep();
        }
        sweep.inUse = true;
        try {
            run(root, seed, retainGraph, sweep);
        } finally {
            sweep.clear(); // holds no tensor after the sweep
        }
    }

    private static void run(Tensor root, NDArray seed, boolean retainGraph, Sweep sweep) {
        List<Tensor> order = sweep.order;
        topologicalOrder(root, sweep);
        Map<Tensor, NDArray> pending = sweep.pending;
        // arrays created here, safe to add into; others may be shared with an op's saved state
        Set<NDArray> owned = sweep.owned;
        pending.put(root, seed);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor node = order.get(i);
            NDArray g = pending.remove(node);
            if (g == null) {
                continue;
            }
            if (node.isLeaf()) {
                node.accumulateGrad(g, owned.contains(g));
                continue;
            }
            Tensor[] inputs = node.inputsArray();
            boolean[] needs = sweep.needs(inputs.length);
            for (int k = 0; k < inputs.length; k++) {
                needs[k] = inputs[k].requiresGradFlag();
            }
            NDArray[] grads = node.op().backward(g, needs);
            boolean fresh = node.op().returnsFreshGradients();
            for (int k = 0; k < inputs.length; k++) {
                if (!needs[k] || grads[k] == null) {
                    continue;
                }
                NDArray existing = pending.get(inputs[k]);
                if (existing == null) {
                    pending.put(inputs[k], grads[k]);
                    if (fresh) {
                        owned.add(grads[k]);
                    }
                } else {
                    if (!owned.contains(existing)) {
                        existing = existing.copy();
                        owned.add(existing);
                        pending.put(inputs[k], existing);
                    }
                    existing.addInPlace(grads[k]);
                }
            }
            if (!retainGraph) {
                node.releaseGraph();
            }
        }
    }

    /**
     * Fills sweep.order with the nodes that require grad, each after all of its inputs (iterative, so deep
     * graphs cannot overflow the stack).
     */
    private static void topologicalOrder(Tensor root, Sweep sweep) {
        List<Tensor> order = sweep.order;
        Set<Tensor> visited = sweep.visited;
        ArrayList<Tensor> stack = sweep.stack;
        stack.add(root);
        sweep.pushNext(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.get(stack.size() - 1);
            int k = sweep.popNext();
            Tensor[] in = t.isLeaf() ? NO_INPUTS : t.inputsArray();
            if (k < in.length) {
                sweep.pushNext(k + 1);
                Tensor child = in[k];
                if (child.requiresGradFlag() && visited.add(child)) {
                    stack.add(child);
                    sweep.pushNext(0);
                }
            } else {
                stack.remove(stack.size() - 1);
                order.add(t);
            }
        }
    }

    private static final Tensor[] NO_INPUTS = new Tensor[0];

    /** The collections of one reverse sweep; they keep their capacity between sweeps. */
    private static final class Sweep {
        final ArrayList<Tensor> order = new ArrayList<>();
        final Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        final ArrayList<Tensor> stack = new ArrayList<>();
        final Map<Tensor, NDArray> pending = new IdentityHashMap<>();
        final Set<NDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        /** For each node on the stack, the index of its next input to visit. */
        int[] next = new int[16];
        int depth;
        /** Flag arrays by length: ops read needsGrad.length as their input count. */
        boolean[][] needs = new boolean[4][];
        boolean inUse;

        void pushNext(int k) {
            if (depth == next.length) {
                next = Arrays.copyOf(next, 2 * depth);
            }
            next[depth++] = k;
        }

        int popNext() {
            return next[--depth];
        }

        /** A flag array of exactly n entries (the caller sets every entry). */
        boolean[] needs(int n) {
            if (n >= needs.length) {
                needs = Arrays.copyOf(needs, n + 1);
            }
            if (needs[n] == null) {
                needs[n] = new boolean[n];
            }
            return needs[n];
        }

        void clear() {
            order.clear();
            visited.clear();
            stack.clear();
            pending.clear();
            owned.clear();
            depth = 0;
            inUse = false;
        }
    }
}
