package dev.atelier.core.operation;

import java.util.Optional;

/** A target shape for Expand's new canvas; {@link #FREE} keeps whatever the margins give. */
public enum AspectRatio implements WireId {
    FREE("free", "Free", 0, 0),
    SQUARE("1:1", "1:1 (square)", 1, 1),
    LANDSCAPE_4_3("4:3", "4:3", 4, 3),
    PORTRAIT_3_4("3:4", "3:4", 3, 4),
    LANDSCAPE_3_2("3:2", "3:2", 3, 2),
    PORTRAIT_2_3("2:3", "2:3", 2, 3),
    WIDE_16_9("16:9", "16:9", 16, 9),
    TALL_9_16("9:16", "9:16", 9, 16);

    private final String id;
    private final String label;
    private final int width;
    private final int height;

    AspectRatio(String id, String label, int width, int height) {
        this.id = id;
        this.label = label;
        this.width = width;
        this.height = height;
    }

    @Override
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Returns the ratio's width term (16 for 16:9); 0 for {@link #FREE}. */
    public int width() {
        return width;
    }

    /** Returns the ratio's height term (9 for 16:9); 0 for {@link #FREE}. */
    public int height() {
        return height;
    }

    public static Optional<AspectRatio> byId(String id) {
        return WireId.find(AspectRatio.class, id);
    }
}
