package org.backprop4j.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backprop4j.ops.Role;
import org.backprop4j.tensor.Tensor;

/**
 * Readable names for the tensors of a graph, in the math note's notation. In order of priority:
 * a tensor's own {@link Tensor#name()} (parameters carry their PyTorch names such as {@code 2.weight});
 * {@code E} for the loss; {@code z} for the logits (the input of a softmax or of the fused
 * cross-entropy), {@code o} for softmax probabilities and {@code t} for probability targets;
 * {@code h} for the output of an activation (tanh, sigmoid, relu, leaky relu, gelu) and {@code a}
 * for its input, numbered {@code h1, h2, ...} from the input side when there is more than one
 * activation layer (a fused ReLU then max pooling has its activation inside: its input is a and the
 * ReLU output, its intermediate value, is h); {@code x} for the first other leaf met going down from the loss ({@code x2, ...}
 * for the next ones); and the op's name with a number for anything else. A name already taken gets
 * a number appended.
 */
final class NodeNames {
    private final Map<Tensor, String> names = new IdentityHashMap<>();
    private final Map<Tensor, String> inners = new IdentityHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Tensor loss;

    NodeNames(Tensor loss) {
        this.loss = loss;
        List<Tensor> all = topDown(loss);
        Map<Tensor, Integer> depth = new IdentityHashMap<>();
        int maxDepth = 0;
        for (int i = all.size() - 1; i >= 0; i--) { // inputs come after their consumers in top-down order
            Tensor t = all.get(i);
            int d = 0;
            for (Tensor in : t.inputs()) {
                d = Math.max(d, depth.getOrDefault(in, 0));
            }
            boolean layer = isActivation(t) || isPooledActivation(t);
            d += layer ? 1 : 0;
            depth.put(t, d);
            if (layer) {
                maxDepth = Math.max(maxDepth, d);
            }
        }
        for (Tensor t : all) {
            if (t.name() != null) {
                give(t, t.name());
            }
        }
        give(loss, "E");
        if (LocalRules.role(loss) == Role.SOFTMAX_CROSS_ENTROPY) {
            give(loss.inputs().get(0), "z");
            if (loss.inputs().size() > 1) {
                give(loss.inputs().get(1), "t");
            }
        }
        for (Tensor t : all) {
            Role role = LocalRules.role(t);
            if (role == Role.SOFTMAX) {
                give(t, "o");
                give(t.inputs().get(0), "z");
            } else if (role == Role.SOFTMAX_CROSS_ENTROPY) {
                inners.put(t, "o");
            }
        }
        boolean numbered = maxDepth > 1;
        for (Tensor t : all) {
            if (isActivation(t)) {
                String n = numbered ? String.valueOf(depth.get(t)) : "";
                give(t, "h" + n);
                if (hasInner(t)) {
                    inners.put(t, "a" + n);
                    used.add("a" + n);
                } else {
                    give(t.inputs().get(0), "a" + n);
                }
            } else if (isPooledActivation(t)) {
                String n = numbered ? String.valueOf(depth.get(t)) : "";
                inners.put(t, "h" + n);
                used.add("h" + n);
                give(t.inputs().get(0), "a" + n);
            }
        }
        int leaves = 0;
        Map<String, Integer> counters = new java.util.HashMap<>();
        for (Tensor t : all) {
            if (names.containsKey(t)) {
                continue;
            }
            if (t.op() == null) {
                leaves++;
                give(t, leaves == 1 ? "x" : "x" + leaves);
            } else {
                String base = t.op().name().toLowerCase(Locale.ROOT);
                int c = counters.merge(base, 1, Integer::sum);
                give(t, base + c);
            }
        }
    }

    /** Every tensor of the graph below (and including) the root, each consumer before its inputs. */
    static List<Tensor> topDown(Tensor root) {
        List<Tensor> post = new ArrayList<>();
        Set<Tensor> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Tensor t = (Tensor) top[0];
            int next = (Integer) top[1];
            List<Tensor> in = t.inputs();
            if (next < in.size()) {
                top[1] = next + 1;
                Tensor c = in.get(next);
                if (seen.add(c)) {
                    stack.push(new Object[]{c, 0});
                }
            } else {
                stack.pop();
                post.add(t);
            }
        }
        java.util.Collections.reverse(post);
        return post;
    }

    /** True for the output h of an activation (element-wise, or a fused layer ending in one). */
    static boolean isActivation(Tensor t) {
        return LocalRules.role(t) == Role.ACTIVATION;
    }

    /** True for the output of a fused activation then pooling, whose intermediate value is the activation's output h. */
    private static boolean isPooledActivation(Tensor t) {
        return LocalRules.role(t) == Role.POOLED_ACTIVATION;
    }

    /** True when the op of {@code t} has an intermediate value, such as the pre-activation of a fused Linear+ReLU. */
    private static boolean hasInner(Tensor t) {
        return LocalRules.derivatives(t).innerShape() != null;
    }

    private void give(Tensor t, String name) {
        if (names.containsKey(t)) {
            return;
        }
        String n = name;
        for (int i = 2; used.contains(n); i++) {
            n = name + "_" + i;
        }
        names.put(t, n);
        used.add(n);
    }

    /** The name of a tensor of the graph ({@code ?} for one outside it). */
    String of(Tensor t) {
        return names.getOrDefault(t, t.name() != null ? t.name() : "?");
    }

    /** The label of a scalar node, such as {@code h[0,1]} or {@code E}. */
    String label(Node n) {
        String base = n.owner() instanceof Node.Inner in ? inners.getOrDefault(in.of(), "?") : of((Tensor) n.owner());
        return base + Indexing.suffix(n.shape(), n.index());
    }

    /** The label of one element of a tensor. */
    String element(Tensor t, int flat) {
        return of(t) + Indexing.suffix(t.shape(), flat);
    }

    /** The loss this naming was made for. */
    Tensor loss() {
        return loss;
    }
}
