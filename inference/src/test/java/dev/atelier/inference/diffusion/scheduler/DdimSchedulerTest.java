package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DdimSchedulerTest {

    // diffusers test_scheduler_ddim.py: linear β, clip_sample, set_alpha_to_one, 10 steps, η = 0.
    private static final SchedulerConfig DIFFUSERS_TEST = Dummy.linear(1000).withDdim(0, true, true);

    @Test
    void fullLoopWithoutNoiseMatchesDiffusers() {
        DdimScheduler ddim = new DdimScheduler(DIFFUSERS_TEST);
        ddim.setTimesteps(10);
        float[] result = Dummy.run(ddim, Dummy.sample());
        assertEquals(172.0067, Dummy.sumAbs(result), 1e-2);
        assertEquals(0.223967, Dummy.meanAbs(result), 1e-3);
    }

    @Test
    void fullLoopFromStepEightWithNoiseMatchesDiffusers() {
        DdimScheduler ddim = new DdimScheduler(DIFFUSERS_TEST);
        ddim.setTimesteps(10, 0.2); // int(10·0.2) = 2 steps run: t_start 8, as in the test
        assertEquals(2, ddim.timesteps().length);
        float[] result = Dummy.run(ddim, ddim.addNoise(Dummy.sample(), Dummy.noise(), 0));
        assertEquals(354.5418, Dummy.sumAbs(result), 1e-2);
        assertEquals(0.4616, Dummy.meanAbs(result), 1e-3);
    }

    @ParameterizedTest
    @CsvSource({"420, 400, 0.14771", "980, 960, 0.32460", "487, 486, 0.00979", "999, 998, 0.02"})
    void varianceMatchesDiffusers(int t, int prevT, double expected) {
        assertEquals(expected, new DdimScheduler(Dummy.linear(1000)).variance(t, prevT), 1e-5);
    }

    @Test
    void stepsOffsetShiftsLeadingTimesteps() {
        DdimScheduler ddim = new DdimScheduler(Dummy.linear(1000).withDdim(1, true, false));
        ddim.setTimesteps(5);
        assertArrayEquals(Dummy.floats(801, 601, 401, 201, 1), ddim.timesteps());
    }

    @Test
    void sdConfigFullLoops() {
        // SD 1.5: leading + offset 1, set_alpha_to_one false, no clipping (derived with the numpy replica).
        DdimScheduler ddim = new DdimScheduler(Dummy.sd());
        ddim.setTimesteps(10);
        float[] r10 = Dummy.run(ddim, Dummy.sample());
        assertEquals(183.2582, Dummy.sumAbs(r10), 1e-2);
        assertEquals(0.238617, Dummy.meanAbs(r10), 1e-5);
        ddim.setTimesteps(20);
        float[] r20 = Dummy.run(ddim, Dummy.sample());
        assertEquals(192.0830, Dummy.sumAbs(r20), 1e-2);
        assertEquals(0.250108, Dummy.meanAbs(r20), 1e-5);
    }

    @Test
    void img2imgStartsWhereGetTimestepsDoes() {
        DdimScheduler ddim = new DdimScheduler(Dummy.sd());
        ddim.setTimesteps(50, 0.75);
        float[] ts = ddim.timesteps();
        assertEquals(37, ts.length);
        assertEquals(721, ts[0]);
        // add_noise at t 721: sqrt ᾱ 0.265544, sqrt(1 − ᾱ) 0.964099.
        float[] noised = ddim.addNoise(new float[] {1, 0}, new float[] {0, 1}, 0);
        assertEquals(0.265544, noised[0], 1e-6);
        assertEquals(0.964099, noised[1], 1e-6);
        ddim.setTimesteps(50, 0.5);
        assertEquals(481, ddim.timesteps()[0]);
        ddim.setTimesteps(20, 0.75);
        assertEquals(701, ddim.timesteps()[0]);
        assertEquals(15, ddim.timesteps().length);
        ddim.setTimesteps(25, 0.8);
        assertEquals(761, ddim.timesteps()[0]);
        assertEquals(20, ddim.timesteps().length);
    }

    @Test
    void vPredictionRecoversTheCleanLatent() {
        // x = a·x0 + s·ε and v = a·ε − s·x0 must give back x0 and ε exactly (up to rounding).
        DdimScheduler ddim = new DdimScheduler(Dummy.sd().withPrediction(PredictionType.V_PREDICTION));
        ddim.setTimesteps(10);
        float[] x0 = Dummy.sample();
        float[] eps = Dummy.noise();
        float[] x = ddim.addNoise(x0, eps, 0);
        float alpha = NoiseSchedule.of(Dummy.sd()).alphaCumprod((int) ddim.timesteps()[0]);
        float a = (float) Math.sqrt(alpha);
        float s = (float) Math.sqrt(1 - alpha);
        float[] v = new float[x.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a * eps[i] - s * x0[i];
        }
        float[] predicted = ddim.step(v, 0, x, null).predictedOriginal();
        assertArrayEquals(x0, predicted, 1e-5f);
    }
}
