package dev.atelier.inference.diffusion.scheduler;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The parts of a diffusers {@code scheduler_config.json} our schedulers use. Keys a file leaves out take Stable
 * Diffusion 1.5's values ({@link #sd15()}), except {@code timestep_spacing}: when absent each scheduler applies
 * its own default (DDIM and LCM leading; Euler, Euler ancestral and DPM-Solver linspace), as diffusers does.
 *
 * @param className {@code _class_name}, informative only: the scheduler is chosen by name, not by this
 * @param betaSchedule {@code scaled_linear} or {@code linear}
 * @param timestepSpacing {@code null} when the config does not say
 * @param finalSigmasType DPM-Solver's last σ: {@code zero} or {@code sigma_min}
 * @param originalInferenceSteps LCM's distillation schedule length (50 for LCM models)
 */
public record SchedulerConfig(
        String className,
        int numTrainTimesteps,
        double betaStart,
        double betaEnd,
        String betaSchedule,
        int stepsOffset,
        boolean setAlphaToOne,
        boolean clipSample,
        double clipSampleRange,
        TimestepSpacing timestepSpacing,
        boolean useKarrasSigmas,
        PredictionType predictionType,
        int originalInferenceSteps,
        boolean lowerOrderFinal,
        String finalSigmasType) {

    public SchedulerConfig {
        if (numTrainTimesteps < 2) {
            throw new IllegalArgumentException("num_train_timesteps must be at least 2, got " + numTrainTimesteps);
        }
        if (!betaSchedule.equals("scaled_linear") && !betaSchedule.equals("linear")) {
            throw new IllegalArgumentException("unsupported beta_schedule '" + betaSchedule
                    + "' (supported: scaled_linear, linear)");
        }
        if (!finalSigmasType.equals("zero") && !finalSigmasType.equals("sigma_min")) {
            throw new IllegalArgumentException("unsupported final_sigmas_type '" + finalSigmasType
                    + "' (supported: zero, sigma_min)");
        }
        if (originalInferenceSteps < 1) {
            throw new IllegalArgumentException("original_inference_steps must be positive");
        }
    }

    /** Stable Diffusion 1.5's scheduler config (PNDM's file, read by any of our schedulers). */
    public static SchedulerConfig sd15() {
        return new SchedulerConfig("PNDMScheduler", 1000, 0.00085, 0.012, "scaled_linear", 1, false, false, 1.0,
                null, false, PredictionType.EPSILON, 50, true, "zero");
    }

    /** Reads a {@code scheduler_config.json} file. */
    public static SchedulerConfig read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses the JSON text of a scheduler config; unknown keys are ignored, missing ones take SD 1.5's values. */
    public static SchedulerConfig parse(String json) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("scheduler config is not a JSON object: " + e.getMessage(), e);
        }
        SchedulerConfig d = sd15();
        return new SchedulerConfig(
                string(o, "_class_name").orElse(d.className),
                integer(o, "num_train_timesteps").orElse(d.numTrainTimesteps),
                number(o, "beta_start").orElse(d.betaStart),
                number(o, "beta_end").orElse(d.betaEnd),
                string(o, "beta_schedule").orElse(d.betaSchedule),
                integer(o, "steps_offset").orElse(d.stepsOffset),
                bool(o, "set_alpha_to_one").orElse(d.setAlphaToOne),
                bool(o, "clip_sample").orElse(d.clipSample),
                number(o, "clip_sample_range").orElse(d.clipSampleRange),
                string(o, "timestep_spacing").map(TimestepSpacing::parse).orElse(null),
                bool(o, "use_karras_sigmas").orElse(d.useKarrasSigmas),
                string(o, "prediction_type").map(PredictionType::parse).orElse(d.predictionType),
                integer(o, "original_inference_steps").orElse(d.originalInferenceSteps),
                bool(o, "lower_order_final").orElse(d.lowerOrderFinal),
                string(o, "final_sigmas_type").orElse(d.finalSigmasType));
    }

    /** The configured spacing, or {@code fallback} (the scheduler's own default) when the config has none. */
    public TimestepSpacing spacingOr(TimestepSpacing fallback) {
        return timestepSpacing == null ? fallback : timestepSpacing;
    }

    /** Returns a copy with the given β range and schedule over {@code trainSteps} timesteps. */
    public SchedulerConfig withBetas(int trainSteps, double start, double end, String schedule) {
        return new SchedulerConfig(className, trainSteps, start, end, schedule, stepsOffset, setAlphaToOne,
                clipSample, clipSampleRange, timestepSpacing, useKarrasSigmas, predictionType,
                originalInferenceSteps, lowerOrderFinal, finalSigmasType);
    }

    /** Returns a copy with {@code steps_offset}, {@code set_alpha_to_one} and {@code clip_sample} replaced. */
    public SchedulerConfig withDdim(int offset, boolean alphaToOne, boolean clip) {
        return new SchedulerConfig(className, numTrainTimesteps, betaStart, betaEnd, betaSchedule, offset,
                alphaToOne, clip, clipSampleRange, timestepSpacing, useKarrasSigmas, predictionType,
                originalInferenceSteps, lowerOrderFinal, finalSigmasType);
    }

    /** Returns a copy with {@code timestep_spacing} replaced ({@code null}: the scheduler's default). */
    public SchedulerConfig withSpacing(TimestepSpacing spacing) {
        return new SchedulerConfig(className, numTrainTimesteps, betaStart, betaEnd, betaSchedule, stepsOffset,
                setAlphaToOne, clipSample, clipSampleRange, spacing, useKarrasSigmas, predictionType,
                originalInferenceSteps, lowerOrderFinal, finalSigmasType);
    }

    /** Returns a copy with {@code use_karras_sigmas} replaced. */
    public SchedulerConfig withKarrasSigmas(boolean karras) {
        return new SchedulerConfig(className, numTrainTimesteps, betaStart, betaEnd, betaSchedule, stepsOffset,
                setAlphaToOne, clipSample, clipSampleRange, timestepSpacing, karras, predictionType,
                originalInferenceSteps, lowerOrderFinal, finalSigmasType);
    }

    /** Returns a copy with {@code prediction_type} replaced. */
    public SchedulerConfig withPrediction(PredictionType type) {
        return new SchedulerConfig(className, numTrainTimesteps, betaStart, betaEnd, betaSchedule, stepsOffset,
                setAlphaToOne, clipSample, clipSampleRange, timestepSpacing, useKarrasSigmas, type,
                originalInferenceSteps, lowerOrderFinal, finalSigmasType);
    }

    /** Returns a copy with DPM-Solver's {@code lower_order_final} and {@code final_sigmas_type} replaced. */
    public SchedulerConfig withDpmFinal(boolean lowerOrder, String sigmasType) {
        return new SchedulerConfig(className, numTrainTimesteps, betaStart, betaEnd, betaSchedule, stepsOffset,
                setAlphaToOne, clipSample, clipSampleRange, timestepSpacing, useKarrasSigmas, predictionType,
                originalInferenceSteps, lowerOrder, sigmasType);
    }

    private static Optional<JsonElement> field(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e);
    }

    private static Optional<String> string(JsonObject o, String key) {
        return field(o, key).map(e -> read(key, e, () -> e.getAsJsonPrimitive().isString() ? e.getAsString() : null));
    }

    private static Optional<Integer> integer(JsonObject o, String key) {
        return field(o, key).map(e -> read(key, e, () -> e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : null));
    }

    private static Optional<Double> number(JsonObject o, String key) {
        return field(o, key).map(e -> read(key, e, () -> e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : null));
    }

    private static Optional<Boolean> bool(JsonObject o, String key) {
        return field(o, key).map(e -> read(key, e, () -> e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : null));
    }

    private static <T> T read(String key, JsonElement e, Supplier<T> value) {
        T v = null;
        if (e.isJsonPrimitive()) {
            v = value.get();
        }
        if (v == null) {
            throw new IllegalArgumentException("scheduler config: '" + key + "' has the wrong type: " + e);
        }
        return v;
    }
}
