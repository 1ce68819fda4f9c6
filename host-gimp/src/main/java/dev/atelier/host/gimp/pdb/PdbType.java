package dev.atelier.host.gimp.pdb;

/** GIMP 2.10 PDB argument types we use, with their {@code GimpPDBArgType} values (libgimpbase/gimpbaseenums.h). */
public enum PdbType {
    INT32(0, "INT32"),
    FLOAT(3, "FLOAT"),
    STRING(4, "STRING"),
    IMAGE(13, "IMAGE"),
    LAYER(14, "LAYER"),
    DRAWABLE(16, "DRAWABLE"),
    STATUS(21, "STATUS");

    private final int code;
    private final String label;

    PdbType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** Returns the C enum value. */
    public int code() {
        return code;
    }

    /** Returns the name used in documentation, e.g. {@code INT32}. */
    public String label() {
        return label;
    }
}
