package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ExactSum gives the exact sum rounded once (BigDecimal as the reference), whatever the order and grouping. */
class ExactSumTest {
    /** Terms of very different magnitudes, with cancellation: a sequential double sum loses most of them. */
    private static List<Double> hardTerms(long seed, int n) {
        Random r = new Random(seed);
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double v = r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
            t.add(v);
            if (i % 7 == 0) {
                t.add(-v * (1 + 1e-16));
            }
        }
        t.add(1e20);
        t.add(3.0);
        t.add(-1e20);
        return t;
    }

    private static double reference(List<Double> terms) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : terms) {
            s = s.add(new BigDecimal(v));
        }
        return s.doubleValue();
    }

    @Test
    void isTheExactSumRoundedOnce() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Double> terms = hardTerms(seed, 500);
            ExactSum s = new ExactSum();
            terms.forEach(s::add);
            assertThat(s.value()).as("seed " + seed).isEqualTo(reference(terms));
        }
    }

    @Test
    void doesNotDependOnOrderOrGrouping() {
        List<Double> terms = hardTerms(99, 2000);
        ExactSum whole = new ExactSum();
        terms.forEach(whole::add);
        for (long seed = 0; seed < 10; seed++) {
            List<Double> shuffled = new ArrayList<>(terms);
            Collections.shuffle(shuffled, new Random(seed));
            // three parts of random sizes, merged in either order
            int a = 1 + new Random(seed).nextInt(shuffled.size() - 2);
            int b = a + new Random(seed + 1).nextInt(shuffled.size() - a);
            ExactSum[] parts = {new ExactSum(), new ExactSum(), new ExactSum()};
            for (int i = 0; i < shuffled.size(); i++) {
                parts[i < a ? 0 : i < b ? 1 : 2].add(shuffled.get(i));
            }
            ExactSum merged = seed % 2 == 0 ? parts[2].merge(parts[0]).merge(parts[1]) : parts[0].merge(parts[1].merge(parts[2]));
            assertThat(merged.value()).isEqualTo(whole.value());
        }
    }

    @Test
    void roundsHalfWayCasesToEven() {
        // 1 + 2^-53 is half-way between 1 and the next double: ties to even gives 1; a tiny extra term tips it up
        ExactSum tie = new ExactSum();
        tie.add(1.0);
        tie.add(Math.pow(2, -53));
        assertThat(tie.value()).isEqualTo(1.0);
        tie.add(Math.pow(2, -80));
        assertThat(tie.value()).isEqualTo(Math.nextUp(1.0));
        assertThat(new ExactSum().value()).isEqualTo(0.0);
    }
}
