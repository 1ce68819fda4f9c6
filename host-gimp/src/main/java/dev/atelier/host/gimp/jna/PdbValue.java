package dev.atelier.host.gimp.jna;

import dev.atelier.host.gimp.pdb.PdbType;
import java.util.Objects;

/**
 * One {@code GimpParam} as Java sees it: a PDB type and its value (Integer for INT32, STATUS and item ids, Double
 * for FLOAT, String for STRING).
 */
public record PdbValue(PdbType type, Object value) {

    public PdbValue {
        Objects.requireNonNull(type, "type");
        switch (type) {
            case FLOAT -> {
                if (!(value instanceof Double)) {
                    throw new IllegalArgumentException("FLOAT needs a Double, got " + value);
                }
            }
            case STRING -> {
                if (value != null && !(value instanceof String)) {
                    throw new IllegalArgumentException("STRING needs a String, got " + value);
                }
            }
            default -> {
                if (!(value instanceof Integer)) {
                    throw new IllegalArgumentException(type.label() + " needs an Integer, got " + value);
                }
            }
        }
    }

    public static PdbValue int32(int v) {
        return new PdbValue(PdbType.INT32, v);
    }

    public static PdbValue float64(double v) {
        return new PdbValue(PdbType.FLOAT, v);
    }

    public static PdbValue string(String v) {
        return new PdbValue(PdbType.STRING, v);
    }

    public static PdbValue image(int id) {
        return new PdbValue(PdbType.IMAGE, id);
    }

    public static PdbValue drawable(int id) {
        return new PdbValue(PdbType.DRAWABLE, id);
    }

    public static PdbValue layer(int id) {
        return new PdbValue(PdbType.LAYER, id);
    }

    public static PdbValue status(int status) {
        return new PdbValue(PdbType.STATUS, status);
    }

    public int asInt() {
        return (Integer) value;
    }

    public double asDouble() {
        return (Double) value;
    }

    public String asString() {
        return (String) value;
    }
}
