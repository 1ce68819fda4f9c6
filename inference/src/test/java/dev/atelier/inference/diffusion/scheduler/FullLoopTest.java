package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Full sampling loops with the dummy model: diffusers' own test constants, then the SD-config loops. */
class FullLoopTest {

    @Test
    void eulerOn1100StepsMatchesDiffusers() {
        float[] r = eulerTestLoop(new EulerScheduler(Dummy.linear(1100)));
        assertEquals(10.0807, Dummy.sumAbs(r), 1e-2);
        assertEquals(0.0131, Dummy.meanAbs(r), 1e-3);
    }

    @Test
    void eulerKarrasOn1100StepsMatchesDiffusers() {
        float[] r = eulerTestLoop(new EulerScheduler(Dummy.linear(1100).withKarrasSigmas(true)));
        assertEquals(124.52299, Dummy.sumAbs(r), 1e-2);
        assertEquals(0.16213933, Dummy.meanAbs(r), 1e-5);
    }

    @Test
    void dpmSolverMatchesDiffusers() {
        DpmSolverMultistepScheduler dpm = new DpmSolverMultistepScheduler(diffusersDpmConfig());
        dpm.setTimesteps(10);
        assertEquals(500, dpm.timesteps()[5]);
        float[] r = Dummy.run(dpm, Dummy.sample());
        assertEquals(0.3301, Dummy.meanAbs(r), 1e-3);
    }

    @Test
    void dpmSolverFromStepFiveWithNoiseMatchesDiffusers() {
        DpmSolverMultistepScheduler dpm = new DpmSolverMultistepScheduler(diffusersDpmConfig());
        dpm.setTimesteps(10, 0.5);
        assertEquals(5, dpm.timesteps().length);
        float[] r = Dummy.run(dpm, dpm.addNoise(Dummy.sample(), Dummy.noise(), 0));
        assertEquals(318.4111, Dummy.sumAbs(r), 1e-2);
        assertEquals(0.4146, Dummy.meanAbs(r), 1e-3);
    }

    @Test
    void lcmOneStepMatchesDiffusers() {
        LcmScheduler lcm = new LcmScheduler(Dummy.sd());
        lcm.setTimesteps(1);
        float[] r = lcm.step(Dummy.model(Dummy.sample(), 999), 0, Dummy.sample(), null).sample();
        assertEquals(18.7097, Dummy.sumAbs(r), 1e-2);
        assertEquals(0.0244, Dummy.meanAbs(r), 1e-3);
    }

    @Test
    void eulerSdConfigPipelineLoops() {
        EulerScheduler euler = new EulerScheduler(Dummy.sd());
        euler.setTimesteps(10);
        float[] r10 = Dummy.run(euler, Dummy.times(Dummy.sample(), euler.initNoiseSigma()));
        assertEquals(178.7762, Dummy.sumAbs(r10), 1e-2);
        assertEquals(0.232782, Dummy.meanAbs(r10), 1e-5);
        euler.setTimesteps(20);
        float[] r20 = Dummy.run(euler, Dummy.times(Dummy.sample(), euler.initNoiseSigma()));
        assertEquals(189.6054, Dummy.sumAbs(r20), 1e-2);
        assertEquals(0.246882, Dummy.meanAbs(r20), 1e-5);
    }

    @Test
    void dpmKarrasSdConfigLoops() {
        // Defaults: final σ zero, lower_order_final (both force a first-order last step).
        DpmSolverMultistepScheduler dpm = new DpmSolverMultistepScheduler(Dummy.sd().withKarrasSigmas(true));
        dpm.setTimesteps(10);
        assertEquals(Arrays.toString(Dummy.floats(999, 916, 815, 687, 523, 327, 146, 41, 7, 0)),
                Arrays.toString(dpm.timesteps()));
        float[] r10 = Dummy.run(dpm, Dummy.sample());
        assertEquals(212.5729, Dummy.sumAbs(r10), 1e-2);
        assertEquals(0.276788, Dummy.meanAbs(r10), 1e-5);
        dpm.setTimesteps(20);
        float[] r20 = Dummy.run(dpm, Dummy.sample());
        assertEquals(205.5888, Dummy.sumAbs(r20), 1e-2);
        assertEquals(0.267694, Dummy.meanAbs(r20), 1e-5);
    }

    @Test
    void ancestralAndLcmRepeatWithTheSameSeed() {
        for (String name : new String[] {"euler-a", "lcm"}) {
            float[] first = seededRun(name, 7);
            float[] again = seededRun(name, 7);
            float[] other = seededRun(name, 8);
            assertArrayEquals(first, again, name);
            assertFalse(Arrays.equals(first, other), name);
        }
    }

    private static float[] seededRun(String name, long seed) {
        Scheduler s = Schedulers.create(name, Dummy.sd());
        s.setTimesteps(4);
        LatentNoise noise = new LatentNoise(seed);
        float[] latent = Dummy.times(noise.gaussian(Dummy.SIZE), s.initNoiseSigma());
        float[] ts = s.timesteps();
        for (int i = 0; i < ts.length; i++) {
            latent = s.step(Dummy.model(s.scaleModelInput(latent, i), ts[i]), i, latent, noise).sample();
        }
        return latent;
    }

    /**
     * diffusers' Euler test loop, quirk included: it overwrites the latent with the scaled model input before
     * stepping, so its constants only hold for this loop.
     */
    private static float[] eulerTestLoop(EulerScheduler euler) {
        euler.setTimesteps(10);
        float[] sample = Dummy.times(Dummy.sample(), euler.initNoiseSigma());
        float[] ts = euler.timesteps();
        for (int i = 0; i < ts.length; i++) {
            sample = euler.scaleModelInput(sample, i);
            sample = euler.step(Dummy.model(sample, ts[i]), i, sample, null).sample();
        }
        return sample;
    }

    /** test_scheduler_dpm_multi.py: linear β, lower_order_final false, final σ = σ_min. */
    private static SchedulerConfig diffusersDpmConfig() {
        return Dummy.linear(1000).withDpmFinal(false, "sigma_min");
    }
}
