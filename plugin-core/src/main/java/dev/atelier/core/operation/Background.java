package dev.atelier.core.operation;

import java.util.Optional;

/** What is put behind a cut-out object. */
public enum Background implements WireId {
    TRANSPARENT("transparent", 0x00000000),
    WHITE("white", 0xffffffff),
    GREY("grey", 0x808080ff),
    BLACK("black", 0x000000ff);

    private final String id;
    private final int rgba;

    Background(String id, int rgba) {
        this.id = id;
        this.rgba = rgba;
    }

    @Override
    public String id() {
        return id;
    }

    /** Returns the fill colour as 0xRRGGBBAA. */
    public int rgba() {
        return rgba;
    }

    public static Optional<Background> byId(String id) {
        return WireId.find(Background.class, id);
    }
}
