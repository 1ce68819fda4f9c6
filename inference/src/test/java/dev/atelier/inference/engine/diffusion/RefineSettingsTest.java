package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.inference.diffusion.SdModelLayout.SdFamily;
import dev.atelier.inference.diffusion.scheduler.Strength;
import org.junit.jupiter.api.Test;

/** The refinement's numbers, as docs/diffusion.md "Upscale refinement" states them. */
class RefineSettingsTest {

    @Test
    void balancedAndCreativeStrengthsOverlapsAndStepsRun() {
        RefineSettings b = RefineSettings.of(UpscalePreset.BALANCED, SdFamily.SD1);
        RefineSettings c = RefineSettings.of(UpscalePreset.CREATIVE, SdFamily.SD2);
        assertEquals(0.2, b.strength());
        assertEquals(0.35, c.strength());
        assertEquals(64, b.overlap(), "2·round(16 + 64·0.2) = 58, up to a multiple of 8");
        assertEquals(80, c.overlap(), "2·round(16 + 64·0.35) = 76, up to a multiple of 8");
        assertEquals(512, b.tile());
        // what the pipeline will run: diffusers' int(steps · strength) from the influence it is given
        assertEquals(4, b.stepsRun());
        assertEquals(4, b.steps() - Strength.startStep(b.steps(), Strength.fromInfluence(b.influence())));
        assertEquals(7, c.steps() - Strength.startStep(c.steps(), Strength.fromInfluence(c.influence())));
        assertEquals(1, b.guidance(), "no prompt, no guidance");
    }

    @Test
    void sdxlTilesAreItsNativeSizeAndPreciseIsNeverRefined() {
        assertEquals(1024, RefineSettings.of(UpscalePreset.BALANCED, SdFamily.SDXL).tile());
        assertThrows(IllegalArgumentException.class, () -> RefineSettings.of(UpscalePreset.PRECISE, SdFamily.SD1));
    }
}
