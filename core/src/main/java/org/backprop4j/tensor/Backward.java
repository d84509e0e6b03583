package org.backprop4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
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

    static void run(Tensor root, NDArray seed, boolean retainGraph) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, NDArray> pending = new IdentityHashMap<>();
        // arrays created here, safe to add into; others may be shared with an op's saved state
        Set<NDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());
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
            boolean[] needs = new boolean[inputs.length];
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

    /** Nodes that require grad, each after all of its inputs (iterative, so deep graphs cannot overflow the stack). */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int k = next.pop();
            Tensor[] in = t.isLeaf() ? new Tensor[0] : t.inputsArray();
            if (k < in.length) {
                next.push(k + 1);
                Tensor child = in[k];
                if (child.requiresGradFlag() && visited.add(child)) {
                    stack.push(child);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
