package dev.atelier.inference.diffusion.scheduler;

/** What the UNet predicts ({@code prediction_type}): the added noise ε, or v = α·ε − σ·x₀ (SD 2.x 768 models). */
public enum PredictionType {
    EPSILON,
    V_PREDICTION;

    /** Parses a config value; {@code sample} and anything else are refused with the supported list. */
    public static PredictionType parse(String value) {
        return switch (value) {
            case "epsilon" -> EPSILON;
            case "v_prediction" -> V_PREDICTION;
            default -> throw new IllegalArgumentException("unsupported prediction_type '" + value
                    + "' (supported: epsilon, v_prediction)");
        };
    }

    /**
     * Returns x₀ from a model output for a latent {@code x = a·x₀ + s·ε} (variance-preserving form, a² + s² = 1).
     */
    float[] originalSample(float[] modelOutput, float[] x, float a, float s) {
        float[] x0 = new float[x.length];
        if (this == EPSILON) {
            for (int i = 0; i < x.length; i++) {
                x0[i] = (x[i] - s * modelOutput[i]) / a;
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                x0[i] = a * x[i] - s * modelOutput[i];
            }
        }
        return x0;
    }

    /** Returns ε from a model output for a latent {@code x = a·x₀ + s·ε}. */
    float[] epsilon(float[] modelOutput, float[] x, float a, float s) {
        if (this == EPSILON) {
            return modelOutput;
        }
        float[] eps = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            eps[i] = a * modelOutput[i] + s * x[i];
        }
        return eps;
    }
}
