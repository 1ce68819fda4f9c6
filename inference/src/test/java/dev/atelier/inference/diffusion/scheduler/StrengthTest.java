package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrengthTest {

    @ParameterizedTest(name = "{0} steps × {1} → start {2}")
    @CsvSource({
        "20, 0.3, 14", "20, 0.5, 10", "20, 0.75, 5", "20, 0.8, 4", "20, 1.0, 0",
        "25, 0.3, 18", "25, 0.5, 13", "25, 0.75, 7", "25, 0.8, 5", "25, 1.0, 0",
        "50, 0.3, 35", "50, 0.5, 25", "50, 0.75, 13", "50, 0.8, 10", "50, 1.0, 0",
        // int() truncation pitfalls, as in Python: 100·0.29 = 28.999… → 28.
        "100, 0.29, 72", "10, 0.1, 9", "1, 1.0, 0",
    })
    void startStepFollowsGetTimesteps(int steps, double strength, int start) {
        assertEquals(start, Strength.startStep(steps, strength));
    }

    @Test
    void strengthThatLeavesNoStepIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strength.startStep(20, 0.04));
        assertEquals("strength 0.04 with 20 steps leaves no denoising step; raise the strength or the number of steps",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Strength.startStep(20, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new DdimScheduler(Dummy.sd()).setTimesteps(20, 0.01));
    }

    @Test
    void smallestStrengthThatRunsOneStep() {
        assertEquals(19, Strength.startStep(20, 0.05));
    }

    @Test
    void strengthOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Strength.startStep(20, 1.01));
        assertThrows(IllegalArgumentException.class, () -> Strength.startStep(20, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Strength.startStep(20, Double.NaN));
    }

    @Test
    void influenceIsOneMinusStrengthInPercent() {
        assertEquals(1.0, Strength.fromInfluence(0));
        assertEquals(0.25, Strength.fromInfluence(75), 1e-12);
        assertEquals(0.0, Strength.fromInfluence(100));
        assertThrows(IllegalArgumentException.class, () -> Strength.fromInfluence(101));
    }

    @Test
    void fullStrengthRunsEveryStepOnEveryScheduler() {
        for (String name : Schedulers.NAMES) {
            Scheduler s = Schedulers.create(name, Dummy.sd());
            s.setTimesteps(4, 1.0);
            assertEquals(4, s.timesteps().length, name);
        }
    }

    @Test
    void lcmRefusesMoreStepsThanItsShortenedScheduleHolds() {
        // 50 × 0.05 = 2 origin timesteps cannot give 4 steps.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LcmScheduler(Dummy.sd()).setTimesteps(4, 0.05));
        assertEquals("LCM: 50 original steps × strength 0.05 leave 2 timesteps, fewer than the 4 steps asked for;"
                + " lower the steps or raise the strength", e.getMessage());
    }
}
