package org.backprop4j.explain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.ops.Partial;
import org.backprop4j.tensor.Tensor;

/**
 * The recorded graph seen at scalar granularity, restricted to the nodes from which one parameter
 * element can be reached. For every such node it holds, by dynamic programming over the local
 * factors (independently of autodiff), the exact number of paths down to the element and the exact
 * sum over those paths of the product of their factors; and, on request, the same from the loss
 * down to each node on those paths (its {@code dE/dnode} by the chain rule).
 */
final class ScalarGraph {
    private final Node root;
    private final Node target;
    private final NodeNames names;
    private final LocalRules rules;
    private final Map<Node, List<Edge>> live = new HashMap<>();
    private final Map<Node, BigInteger> counts = new HashMap<>();
    private final Map<Node, Double> totals = new HashMap<>();
    private Map<Node, BigInteger> countsFromRoot;
    private Map<Node, Double> totalsFromRoot;

    ScalarGraph(Tensor loss, Tensor param, int element, NodeNames names, LossForm form) {
        this.root = new Node(loss, 0);
        this.target = new Node(param, element);
        this.names = names;
        Map<Tensor, Boolean> memo = new IdentityHashMap<>();
        this.rules = new LocalRules(names, form, t -> reaches(t, param, memo));
        solve(root);
    }

    /** Whether {@code param} is {@code t} or among its (recorded) ancestors. */
    static boolean reaches(Tensor t, Tensor param, Map<Tensor, Boolean> memo) {
        if (t == param) {
            return true;
        }
        Boolean known = memo.get(t);
        if (known != null) {
            return known;
        }
        boolean r = false;
        for (Tensor in : t.inputs()) {
            if (reaches(in, param, memo)) {
                r = true;
                break;
            }
        }
        memo.put(t, r);
        return r;
    }

    private void solve(Node n) {
        if (counts.containsKey(n)) {
            return;
        }
        if (n.equals(target)) {
            counts.put(n, BigInteger.ONE);
            totals.put(n, 1.0);
            live.put(n, List.of());
            return;
        }
        List<Edge> kept = new ArrayList<>();
        BigInteger count = BigInteger.ZERO;
        double total = 0;
        for (Edge e : rules.edges(n)) {
            solve(e.child());
            BigInteger c = counts.get(e.child());
            if (c.signum() > 0) {
                kept.add(e);
                count = count.add(c);
                total += e.value() * totals.get(e.child());
            }
        }
        counts.put(n, count);
        totals.put(n, total);
        live.put(n, kept);
    }

    /** The loss node. */
    Node root() {
        return root;
    }

    /** The parameter element. */
    Node target() {
        return target;
    }

    /** Exact number of paths from {@code n} to the target. */
    BigInteger count(Node n) {
        return counts.get(n);
    }

    /** Exact sum over the paths from {@code n} to the target of the product of their factors. */
    double total(Node n) {
        return totals.get(n);
    }

    /** The edges from {@code n} that lie on some path to the target. */
    List<Edge> edges(Node n) {
        return live.get(n);
    }

    /** The label of a node. */
    String label(Node n) {
        return names.label(n);
    }

    /** The factor shown for an edge from {@code from}. */
    Factor factor(Node from, Edge e) {
        Edge.Text text = e.text().get();
        return new Factor(label(from), label(e.child()), text.formula(), text.substituted(), text.note(), e.value());
    }

    /**
     * Appends to {@code out} up to {@code limit} paths that continue the given prefix from {@code n}
     * to the target, depth first in the order of the inputs.
     */
    void enumerate(Node n, List<String> nodes, List<Factor> factors, double product, int limit, List<Path> out) {
        if (out.size() >= limit) {
            return;
        }
        if (n.equals(target)) {
            out.add(new Path(nodes, factors, product));
            return;
        }
        for (Edge e : live.get(n)) {
            nodes.add(label(e.child()));
            factors.add(factor(n, e));
            enumerate(e.child(), nodes, factors, product * e.value(), limit, out);
            nodes.remove(nodes.size() - 1);
            factors.remove(factors.size() - 1);
            if (out.size() >= limit) {
                return;
            }
        }
    }

    /** Exact number of paths from the loss down to {@code n}: 0 unless {@code n} lies on a path to the target. */
    BigInteger countFromRoot(Node n) {
        fromRoot();
        return countsFromRoot.getOrDefault(n, BigInteger.ZERO);
    }

    /**
     * Sum over the paths from the loss down to {@code n} of the product of their factors, that is
     * {@code dE/dn} by the chain rule when {@code n} lies on a path to the target (0 otherwise).
     */
    double totalFromRoot(Node n) {
        fromRoot();
        return totalsFromRoot.getOrDefault(n, 0.0);
    }

    /** The counts and sums from the loss, by one pass over the nodes on paths to the target in topological order. */
    private void fromRoot() {
        if (countsFromRoot != null) {
            return;
        }
        List<Node> order = new ArrayList<>();
        postOrder(root, new HashSet<>(), order);
        countsFromRoot = new HashMap<>();
        totalsFromRoot = new HashMap<>();
        countsFromRoot.put(root, BigInteger.ONE);
        totalsFromRoot.put(root, 1.0);
        for (int i = order.size() - 1; i >= 0; i--) { // reverse post-order: every node after all its parents
            Node n = order.get(i);
            BigInteger c = countsFromRoot.get(n);
            double t = totalsFromRoot.get(n);
            for (Edge e : live.get(n)) {
                countsFromRoot.merge(e.child(), c, BigInteger::add);
                totalsFromRoot.merge(e.child(), t * e.value(), Double::sum);
            }
        }
    }

    private void postOrder(Node n, Set<Node> seen, List<Node> out) {
        if (!seen.add(n)) {
            return;
        }
        for (Edge e : live.get(n)) {
            postOrder(e.child(), seen, out);
        }
        out.add(n);
    }

    /**
     * Appends to {@code out} up to {@code limit} paths from the loss through {@code via} to the target,
     * depth first in the order of the inputs; {@code via} must have an edge to the target.
     */
    void enumerateThrough(Node via, int limit, List<Path> out) {
        Edge last = live.getOrDefault(via, List.of()).stream().filter(e -> e.child().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(label(via) + " has no edge to " + label(target)));
        Map<Node, Boolean> above = new HashMap<>();
        List<String> nodes = new ArrayList<>(List.of(label(root)));
        through(root, via, last, above, nodes, new ArrayList<>(), 1, limit, out);
    }

    private void through(Node n, Node via, Edge last, Map<Node, Boolean> above, List<String> nodes, List<Factor> factors,
                         double product, int limit, List<Path> out) {
        if (n.equals(via)) {
            List<String> ns = new ArrayList<>(nodes);
            ns.add(label(target));
            List<Factor> fs = new ArrayList<>(factors);
            fs.add(factor(via, last));
            out.add(new Path(ns, fs, product * last.value()));
            return;
        }
        for (Edge e : live.get(n)) {
            if (out.size() >= limit) {
                return;
            }
            if (leadsTo(e.child(), via, above)) {
                nodes.add(label(e.child()));
                factors.add(factor(n, e));
                through(e.child(), via, last, above, nodes, factors, product * e.value(), limit, out);
                nodes.remove(nodes.size() - 1);
                factors.remove(factors.size() - 1);
            }
        }
    }

    /** Whether {@code via} is {@code n} or lies below it on the live edges. */
    private boolean leadsTo(Node n, Node via, Map<Node, Boolean> memo) {
        if (n.equals(via)) {
            return true;
        }
        Boolean known = memo.get(n);
        if (known != null) {
            return known;
        }
        boolean r = false;
        for (Edge e : live.get(n)) {
            if (leadsTo(e.child(), via, memo)) {
                r = true;
                break;
            }
        }
        memo.put(n, r);
        return r;
    }

    /** How partial {@code p} of the op of {@code t} reads, as on a listed path. */
    Edge.Text text(Tensor t, Partial p) {
        return rules.text(t, p, null).get();
    }

    /** The names of the graph's tensors. */
    NodeNames names() {
        return names;
    }
}
