package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import java.math.BigDecimal;

/**
 * A number in {@code min..max}. The slider is integer-valued ({@link #isInteger()}) when {@code min} and
 * {@code step} are whole numbers; then values must be whole too (2.0 is accepted as 2, 2.5 is not). {@code step}
 * is the control's granularity, a hint to hosts: values between steps are accepted. Accepts JSON numbers and
 * numeric strings.
 */
public record SliderField(String id, String label, String help, double min, double max, double step,
        double defaultValue) implements Field {

    /** The largest magnitude an integer slider's bounds may have (2^53, exact in a double). */
    private static final double LARGEST_WHOLE = 9_007_199_254_740_992d;

    public SliderField {
        FieldChecks.common(id, label, help);
        if (!Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(step)
                || !Double.isFinite(defaultValue)) {
            throw FieldChecks.invalid(id, "min, max, step and default must be finite numbers");
        }
        if (!(min < max)) {
            throw FieldChecks.invalid(id, "min " + Values.format(min) + " must be below max " + Values.format(max));
        }
        if (!(step > 0)) {
            throw FieldChecks.invalid(id, "step must be positive (got " + Values.format(step) + ")");
        }
        if (defaultValue < min || defaultValue > max) {
            throw FieldChecks.invalid(id, "default " + Values.format(defaultValue) + " is outside "
                    + Values.format(min) + ".." + Values.format(max));
        }
        if (isWhole(min) && isWhole(step)) {
            if (Math.abs(min) > LARGEST_WHOLE || Math.abs(max) > LARGEST_WHOLE) {
                throw FieldChecks.invalid(id, "an integer slider's bounds must be within ±2^53");
            }
            if (!isWhole(defaultValue)) {
                throw FieldChecks.invalid(id, "default " + Values.format(defaultValue)
                        + " must be a whole number on an integer slider");
            }
        }
    }

    /** Returns true when values are whole numbers: {@code min} and {@code step} are. */
    public boolean isInteger() {
        return isWhole(min) && isWhole(step);
    }

    @Override
    public JsonElement defaultJson() {
        return Values.jsonNumber(defaultValue);
    }

    @Override
    public Object coerce(JsonElement value) {
        BigDecimal n = Values.number(value, "must be a number");
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw Values.problem("must be " + Values.format(min) + ".." + Values.format(max), value);
        }
        if (!isInteger()) {
            return n.doubleValue();
        }
        if (!Values.isWhole(n)) {
            throw Values.problem("must be a whole number", value);
        }
        return n.longValueExact();
    }

    private static boolean isWhole(double d) {
        return d == Math.rint(d);
    }
}
