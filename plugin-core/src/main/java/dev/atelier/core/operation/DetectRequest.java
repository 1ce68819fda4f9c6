package dev.atelier.core.operation;

import java.util.Objects;

/**
 * Detect: make an edge / line / depth / pose map of the image.
 *
 * @param lowThreshold Canny's lower hysteresis threshold, 0..255
 * @param highThreshold Canny's upper hysteresis threshold, 0..255, not below the lower one
 * @param lineWeight line thickness for line art (the XDoG blur sigma), 0.3..5
 */
public record DetectRequest(DetectMode mode, int lowThreshold, int highThreshold, double lineWeight)
        implements OperationRequest {

    public DetectRequest {
        Objects.requireNonNull(mode, "mode");
        if (lowThreshold < 0 || highThreshold > 255 || lowThreshold > highThreshold) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 <= low <= high <= 255, got " + lowThreshold + ", " + highThreshold);
        }
        if (!(lineWeight >= 0.3 && lineWeight <= 5)) {
            throw new IllegalArgumentException("line weight must be 0.3..5, got " + lineWeight);
        }
    }

    @Override
    public Operation operation() {
        return Operation.DETECT;
    }
}
