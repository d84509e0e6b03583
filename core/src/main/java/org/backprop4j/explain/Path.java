package org.backprop4j.explain;

import java.util.List;

/** One path from the loss down to the parameter element: its scalar nodes, the local factor of each edge, and their product. */
public record Path(List<String> nodes, List<Factor> factors, double product) {
    /** Creates a path; the lists are copied. */
    public Path {
        nodes = List.copyOf(nodes);
        factors = List.copyOf(factors);
    }
}
