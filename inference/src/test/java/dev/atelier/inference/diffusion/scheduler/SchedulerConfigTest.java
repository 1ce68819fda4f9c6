package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SchedulerConfigTest {

    // SD 1.5's scheduler/scheduler_config.json as published.
    private static final String SD15 = """
            {
              "_class_name": "PNDMScheduler",
              "_diffusers_version": "0.6.0",
              "beta_end": 0.012,
              "beta_schedule": "scaled_linear",
              "beta_start": 0.00085,
              "num_train_timesteps": 1000,
              "set_alpha_to_one": false,
              "skip_prk_steps": true,
              "steps_offset": 1,
              "trained_betas": null,
              "clip_sample": false
            }
            """;

    @Test
    void parsesSd15AndLeavesSpacingToTheScheduler() {
        SchedulerConfig c = SchedulerConfig.parse(SD15);
        assertEquals(SchedulerConfig.sd15(), c);
        assertNull(c.timestepSpacing());
        assertEquals(TimestepSpacing.LEADING, c.spacingOr(TimestepSpacing.LEADING));
    }

    @Test
    void missingKeysTakeSd15Values() {
        assertEquals(SchedulerConfig.sd15(), SchedulerConfig.parse("{}"));
    }

    @Test
    void readsTurboAndLcmKeys() {
        SchedulerConfig c = SchedulerConfig.parse("""
                {"_class_name": "EulerDiscreteScheduler", "timestep_spacing": "trailing",
                 "use_karras_sigmas": true, "prediction_type": "v_prediction", "original_inference_steps": 25}
                """);
        assertEquals("EulerDiscreteScheduler", c.className());
        assertEquals(TimestepSpacing.TRAILING, c.timestepSpacing());
        assertEquals(true, c.useKarrasSigmas());
        assertEquals(PredictionType.V_PREDICTION, c.predictionType());
        assertEquals(25, c.originalInferenceSteps());
    }

    @Test
    void unsupportedValuesAreNamed() {
        assertEquals("unsupported prediction_type 'sample' (supported: epsilon, v_prediction)",
                assertThrows(IllegalArgumentException.class,
                        () -> SchedulerConfig.parse("{\"prediction_type\": \"sample\"}")).getMessage());
        assertEquals("unsupported beta_schedule 'squaredcos_cap_v2' (supported: scaled_linear, linear)",
                assertThrows(IllegalArgumentException.class,
                        () -> SchedulerConfig.parse("{\"beta_schedule\": \"squaredcos_cap_v2\"}")).getMessage());
        assertEquals("unsupported timestep_spacing 'even' (supported: leading, trailing, linspace)",
                assertThrows(IllegalArgumentException.class,
                        () -> SchedulerConfig.parse("{\"timestep_spacing\": \"even\"}")).getMessage());
        assertEquals("scheduler config: 'steps_offset' has the wrong type: \"one\"",
                assertThrows(IllegalArgumentException.class,
                        () -> SchedulerConfig.parse("{\"steps_offset\": \"one\"}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SchedulerConfig.parse("[1]"));
    }
}
