package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SchedulersTest {

    @Test
    void createsEachNamedScheduler() {
        SchedulerConfig sd = Dummy.sd();
        assertInstanceOf(DdimScheduler.class, Schedulers.create("ddim", sd));
        assertInstanceOf(EulerScheduler.class, Schedulers.create("euler", sd));
        assertInstanceOf(EulerAncestralScheduler.class, Schedulers.create("euler-a", sd));
        assertInstanceOf(DpmSolverMultistepScheduler.class, Schedulers.create("dpmpp-2m", sd));
        assertInstanceOf(LcmScheduler.class, Schedulers.create("lcm", sd));
    }

    @Test
    void karrasVariantForcesKarrasSigmas() {
        Scheduler karras = Schedulers.create("dpmpp-2m-karras", Dummy.sd());
        karras.setTimesteps(20);
        assertEquals(962, karras.timesteps()[1]);
        Scheduler plain = Schedulers.create("dpmpp-2m", Dummy.sd());
        plain.setTimesteps(20);
        assertEquals(949, plain.timesteps()[1]);
    }

    @Test
    void unknownNameIsOneClearLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.create("pndm", Dummy.sd()));
        assertEquals("unknown scheduler 'pndm' (known: ddim, euler, euler-a, dpmpp-2m, dpmpp-2m-karras, lcm)",
                e.getMessage());
    }

    @Test
    void misuseIsReported() {
        Scheduler ddim = Schedulers.create("ddim", Dummy.sd());
        assertThrows(IllegalStateException.class, () -> ddim.step(new float[1], 0, new float[1], null));
        assertThrows(IllegalArgumentException.class, () -> ddim.setTimesteps(0));
        assertThrows(IllegalArgumentException.class, () -> ddim.setTimesteps(1001));
        ddim.setTimesteps(4);
        assertThrows(IllegalArgumentException.class, () -> ddim.step(new float[1], 4, new float[1], null));
        Scheduler eulerA = Schedulers.create("euler-a", Dummy.sd());
        eulerA.setTimesteps(4);
        assertEquals("Euler ancestral needs a noise source", assertThrows(IllegalArgumentException.class,
                () -> eulerA.step(new float[1], 0, new float[1], null)).getMessage());
        Scheduler dpm = Schedulers.create("dpmpp-2m", Dummy.sd());
        dpm.setTimesteps(4);
        assertThrows(IllegalStateException.class, () -> dpm.step(new float[1], 1, new float[1], null));
    }
}
