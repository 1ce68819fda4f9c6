package dev.atelier.core.panel;

import dev.atelier.core.operation.Generation;
import java.util.List;

/** The diffusion fields img2img, retouch and expand share, and their binding to a {@link Generation}. */
final class GenerationFields {

    static final String PROMPT = "prompt";
    static final String NEGATIVE_PROMPT = "negative-prompt";
    static final String STEPS = "steps";
    static final String GUIDANCE = "guidance";
    static final String SEED = "seed";
    static final String BATCH_COUNT = "batch-count";

    /** The most characters a prompt may have. */
    static final int PROMPT_LENGTH = 2000;

    private GenerationFields() {}

    /** Returns the prompt and negative prompt fields; {@code promptHelp} says what the prompt is for. */
    static List<Field> prompts(String promptHelp) {
        return List.of(
                new MultilineTextField(PROMPT, "Prompt", promptHelp, "", PROMPT_LENGTH),
                new MultilineTextField(NEGATIVE_PROMPT, "Negative prompt", "What to avoid", "", PROMPT_LENGTH));
    }

    /** Returns the steps, guidance, seed and batch count fields. */
    static List<Field> sampling() {
        return List.of(
                new SliderField(STEPS, "Steps", "More steps give finer detail but take longer", 1, 150, 1, 25),
                new SliderField(GUIDANCE, "Guidance", "How closely to follow the prompt", 1, 30, 0.5, 7),
                new SeedField(SEED, "Seed", "-1 picks a random seed; reuse a seed to repeat a result",
                        SeedField.RANDOM),
                new SliderField(BATCH_COUNT, "Batch count",
                        "How many variations to make, one layer each (seeds seed, seed+1, …)", 1, 8, 1, 1));
    }

    /** Returns the generation settings from bound values. */
    static Generation generation(BoundValues v) {
        return new Generation(v.text(PROMPT), v.text(NEGATIVE_PROMPT), v.integer(STEPS), v.decimal(GUIDANCE),
                v.seed(SEED), v.integer(BATCH_COUNT));
    }

    /** Returns the image source field: the active layer or the visible image. */
    static SourceField image(String help) {
        return new SourceField("image", "Image", help, List.of(SourceKind.LAYER, SourceKind.VISIBLE),
                SourceKind.LAYER, true);
    }
}
