package org.backprop4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.backprop4j.explain.ParamRef;
import org.backprop4j.tensor.Tensor;

/**
 * The parameter elements the explain page can select: every element of a small model, or for a
 * larger one a subset (per parameter its first, middle and last element, and for a convolution weight
 * {@code [O,C,kh,kw]} the centre of its first kernel besides the corner that comes first) plus the element asked for.
 *
 * @param refs   the elements, parameter by parameter, in the model's order
 * @param subset null when every element is included, otherwise one sentence saying which are
 */
record PageElements(List<ParamRef> refs, String subset) {
    /** Models with at most this many parameter elements get all of them on the page. */
    static final int ALL_UP_TO = 64;

    /** The elements of {@code params} for the page, always including {@code chosen}. */
    static PageElements of(Map<String, Tensor> params, ParamRef chosen) {
        long total = params.values().stream().mapToLong(Tensor::size).sum();
        boolean all = total <= ALL_UP_TO;
        List<ParamRef> refs = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : params.entrySet()) {
            Tensor t = p.getValue();
            TreeSet<Integer> flat = new TreeSet<>();
            if (all) {
                for (int i = 0; i < t.size(); i++) {
                    flat.add(i);
                }
            } else {
                flat.add(0);
                flat.add((int) (t.size() / 2));
                flat.add((int) (t.size() - 1));
                if (t.rank() == 4) { // a convolution kernel [O, C, kh, kw]: its first element is a corner, add the centre
                    int[] shape = t.shape();
                    flat.add(flatIndex(new int[]{0, 0, shape[2] / 2, shape[3] / 2}, shape));
                }
            }
            if (chosen.tensor() == t) {
                flat.add(flatIndex(chosen.index(), t.shape()));
            }
            for (int i : flat) {
                refs.add(new ParamRef(p.getKey(), t, unflatten(i, t.shape())));
            }
        }
        String subset = all ? null : "The model has " + total + " parameter elements; this page holds " + refs.size()
                + " of them: the first, middle and last element of each parameter (and the centre of the first kernel of a"
                + " convolution) and " + chosen
                + ". Run explain --html with --param NAME[i,j] for another.";
        return new PageElements(refs, subset);
    }

    private static int flatIndex(int[] index, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + index[d];
        }
        return f;
    }

    private static int[] unflatten(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
