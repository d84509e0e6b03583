package org.backprop4j.explain;

import java.math.BigInteger;
import java.util.List;

/**
 * The chain-rule explanation of one gradient element {@code dE/d target}.
 *
 * @param target      the parameter element, such as {@code 0.weight[0,1]}
 * @param loss        the loss value E
 * @param form        how a fused softmax cross-entropy was shown
 * @param pathCount   the exact number of paths from E to the target
 * @param total       the exact sum over all paths of the product of their factors
 * @param groupedBy   the node whose children group the paths, or null when they are not grouped; for a
 *                    convolution weight its output positions, such as {@code a[n,3,y,x]}
 * @param groups      the groups (one group with {@code via = null} when not grouped); for a convolution
 *                    weight one per output position among the largest contributions that lie on paths
 * @param other       the same sum in the other form of the fused loss, or null when the loss is not fused
 * @param autodiff    the gradient element from {@code backward()}
 * @param numeric     the float64 central-difference derivative
 * @param sharing     for a convolution weight, its gradient summed over the output positions that share it; else null
 */
public record Explanation(String target, double loss, LossForm form, BigInteger pathCount, double total,
                          String groupedBy, List<PathGroup> groups, OtherForm other, double autodiff, double numeric,
                          WeightSharing sharing) {

    /** Creates an explanation; the list is copied. */
    public Explanation {
        groups = List.copyOf(groups);
    }

    /** The result of explaining in the other {@link LossForm}: its path count and sum. */
    public record OtherForm(LossForm form, BigInteger pathCount, double total) {
    }

    /** Number of paths listed in the groups. */
    public int shownCount() {
        return groups.stream().mapToInt(g -> g.shown().size()).sum();
    }

    /** Every listed path, group by group. */
    public List<Path> shownPaths() {
        return groups.stream().flatMap(g -> g.shown().stream()).toList();
    }

    /** {@code |a - b| / max(|a|, |b|, 1e-300)}: 0 for two zeros. */
    public static double relativeDifference(double a, double b) {
        double d = Math.abs(a - b);
        return d == 0 ? 0 : d / Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-300);
    }
}
