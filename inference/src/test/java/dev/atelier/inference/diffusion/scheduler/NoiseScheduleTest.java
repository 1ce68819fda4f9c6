package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseScheduleTest {

    private static final NoiseSchedule SD = NoiseSchedule.of(SchedulerConfig.sd15());

    @ParameterizedTest(name = "t={0}")
    @CsvSource({
        "0,   0.00085,      0.99914998,   0.9995749,   0.02915513, 0.02916753",
        "1,   0.0008546986, 0.99829602,   0.99914765,  0.04127926, 0.04131448",
        "250, 0.002427761,  0.67379254,   0.82084864,  0.57114571, 0.69579905",
        "500, 0.004814954,  0.27633256,   0.52567345,  0.85068643, 1.6182793",
        "750, 0.008011579,  0.056169767,  0.23700161,  0.97150928, 4.0991674",
        "981, 0.011684756,  0.0057754889, 0.075996637, 0.99710804, 13.120423",
        "999, 0.012,        0.0046600895, 0.06826485,  0.99766725, 14.614655",
    })
    void scaledLinearMatchesTorchFloat32(int t, double beta, double alphaCumprod, double sqrtAlpha,
            double sqrtOneMinus, double sigma) {
        assertRelative(beta, SD.betas()[t], 1e-6);
        assertRelative(alphaCumprod, SD.alphaCumprod(t), 1e-6);
        assertRelative(sqrtAlpha, Math.sqrt(SD.alphaCumprod(t)), 1e-6);
        assertRelative(sqrtOneMinus, Math.sqrt(1f - SD.alphaCumprod(t)), 1e-6);
        assertRelative(sigma, SD.sigma(t), 1e-6);
    }

    @Test
    void float32CumprodStaysCloseToFloat64() {
        // float64 reference: ᾱ999 = 0.004660098513, σmax = 14.61464123, σmin = 0.02916715815.
        assertRelative(0.004660098513, SD.alphaCumprod(999), 1e-5);
        assertRelative(14.61464123, SD.sigma(999), 1e-5);
        // σmin is the most sensitive: 1 − ᾱ₀ loses digits in float32 (1.3e-5 relative here).
        assertRelative(0.02916715815, SD.sigma(0), 2e-5);
    }

    static void assertRelative(double expected, double actual, double tolerance) {
        assertEquals(expected, actual, Math.abs(expected) * tolerance, () -> "expected " + expected + ", got " + actual);
    }
}
