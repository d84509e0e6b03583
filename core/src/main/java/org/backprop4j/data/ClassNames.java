package org.backprop4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for naming classes: by the names a data set or model carries, or, when it carries none,
 * by their numbers "0", "1", ..., "K-1".
 */
public final class ClassNames {
    private ClassNames() {
    }

    /**
     * The name of class {@code k}.
     *
     * @param names one name per class, or an empty list when the classes are unnamed
     * @param k     the class
     * @return {@code names.get(k)}, or {@code k} as text when {@code names} is empty
     */
    public static String name(List<String> names, int k) {
        return names.isEmpty() ? Integer.toString(k) : names.get(k);
    }

    /**
     * The names of all classes.
     *
     * @param names      one name per class, or an empty list when the classes are unnamed
     * @param numClasses the number of classes K
     * @return {@code names}, or "0".."K-1" when it is empty
     */
    public static List<String> orNumbers(List<String> names, int numClasses) {
        if (!names.isEmpty()) {
            return names;
        }
        List<String> numbers = new ArrayList<>(numClasses);
        for (int k = 0; k < numClasses; k++) {
            numbers.add(name(names, k));
        }
        return List.copyOf(numbers);
    }
}
