package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.backprop4j.optim.OptimTestSupport.param;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each schedule against its closed form, and the scheduler that applies one. */
class LrScheduleTest {

    @Test
    void stepLrDecaysEveryStepSize() {
        StepLR s = new StepLR(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};
        for (int t = 0; t < expected.length; t++) {
            assertThat(s.lr(t)).as("t=%d", t).isCloseTo(expected[t], within(1e-17));
        }
        assertThat(s.lr(30)).isCloseTo(0.1 * Math.pow(0.5, 10), within(1e-18));
    }

    @Test
    void cosineFollowsTheClosedForm() {
        CosineAnnealingLR s = new CosineAnnealingLR(0.1, 10, 0.001);
        assertThat(s.lr(0)).isCloseTo(0.1, within(1e-17));
        assertThat(s.lr(5)).isCloseTo((0.1 + 0.001) / 2, within(1e-17));
        assertThat(s.lr(10)).isCloseTo(0.001, within(1e-17));
        for (int t : new int[]{1, 3, 7, 9, 13}) {
            double expected = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * t / 10)) / 2;
            assertThat(s.lr(t)).as("t=%d", t).isCloseTo(expected, within(1e-17));
        }
        assertThat(s.lr(2)).isCloseTo(0.001 + 0.099 * (1 + Math.cos(0.2 * Math.PI)) / 2, within(1e-17));
    }

    @Test
    void linearWarmupRisesThenFollowsTheShiftedSchedule() {
        LrSchedule after = new StepLR(0.2, 2, 0.1);
        LinearWarmup s = new LinearWarmup(4, 0.25, after);
        double[] expected = {0.05, 0.0875, 0.125, 0.1625, 0.2, 0.2, 0.02, 0.02, 0.002};
        for (int t = 0; t < expected.length; t++) {
            assertThat(s.lr(t)).as("t=%d", t).isCloseTo(expected[t], within(1e-16));
        }
        LinearWarmup fromZero = new LinearWarmup(10, 0, new ConstantLR(1));
        assertThat(fromZero.lr(0)).isZero();
        assertThat(fromZero.lr(3)).isCloseTo(0.3, within(1e-16));
        assertThat(new LinearWarmup(0, 0.5, after).lr(0)).isEqualTo(0.2);
    }

    @Test
    void constantLr() {
        assertThat(new ConstantLR(0.3).lr(0)).isEqualTo(0.3);
        assertThat(new ConstantLR(0.3).lr(1000)).isEqualTo(0.3);
        ConstantLR scaled = new ConstantLR(0.3, 0.5, 2);
        assertThat(scaled.lr(0)).isEqualTo(0.15);
        assertThat(scaled.lr(1)).isEqualTo(0.15);
        assertThat(scaled.lr(2)).isEqualTo(0.3);
    }

    @Test
    void schedulerAppliesTheScheduleToTheOptimizer() {
        Optimizer opt = SGD.builder(List.of(param(1))).lr(99).build();
        LrSchedule schedule = new LinearWarmup(2, 0.5, new CosineAnnealingLR(0.1, 4, 0));
        Scheduler sched = new Scheduler(opt, schedule);
        assertThat(opt.lr()).isEqualTo(0.05);
        assertThat(sched.t()).isZero();
        for (int t = 1; t <= 7; t++) {
            sched.step();
            assertThat(sched.t()).isEqualTo(t);
            assertThat(opt.lr()).as("t=%d", t).isEqualTo(schedule.lr(t)).isEqualTo(sched.lr());
        }
        assertThat(opt.lr()).isCloseTo(0.1 * (1 + Math.cos(Math.PI * 5 / 4)) / 2, within(1e-17));
        sched.seek(3);
        assertThat(sched.t()).isEqualTo(3);
        assertThat(opt.lr()).isEqualTo(schedule.lr(3));
        sched.step();
        assertThat(opt.lr()).isEqualTo(schedule.lr(4));
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new StepLR(-0.1, 3, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new StepLR(0.1, 0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step_size").hasMessageContaining("0");
        assertThatThrownBy(() -> new StepLR(0.1, 3, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gamma").hasMessageContaining("-2.0");
        assertThatThrownBy(() -> new CosineAnnealingLR(0.1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T_max");
        assertThatThrownBy(() -> new CosineAnnealingLR(0.1, 10, -1e-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eta_min").hasMessageContaining("-0.001");
        assertThatThrownBy(() -> new LinearWarmup(-1, 0.1, new ConstantLR(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmup_steps")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new LinearWarmup(5, 1.5, new ConstantLR(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start_factor")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new ConstantLR(0.1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor").hasMessageContaining("2.0");
        assertThatThrownBy(() -> new ConstantLR(0.1).lr(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        Optimizer opt = SGD.builder(List.of(param(1))).build();
        assertThatThrownBy(() -> new Scheduler(opt, new ConstantLR(1)).seek(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
    }
}
