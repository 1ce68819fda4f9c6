package dev.atelier.core.panel;

import java.util.List;
import java.util.Optional;

/**
 * The panels Atelier ships, in menu order: img2img, retouch, expand, upscale, remove-background, detect, prep-3d.
 * To add a panel, write one class like {@code UpscalePanel} (descriptor + binder) and list it here; hosts need no
 * change, since they render whatever descriptors the daemon sends.
 */
public final class BuiltInPanels {

    private static final List<Panel> ALL = List.of(
            Img2ImgPanel.create(),
            RetouchPanel.create(),
            ExpandPanel.create(),
            UpscalePanel.create(),
            RemoveBackgroundPanel.create(),
            DetectPanel.create(),
            Prep3dPanel.create());

    private BuiltInPanels() {}

    /** Returns every built-in panel, in menu order. */
    public static List<Panel> all() {
        return ALL;
    }

    /** Returns the built-in panel with this id, e.g. {@code remove-background}. */
    public static Optional<Panel> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
