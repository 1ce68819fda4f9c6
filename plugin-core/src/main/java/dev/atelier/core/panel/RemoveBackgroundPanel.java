package dev.atelier.core.panel;

import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.RemoveBackgroundRequest;
import java.util.List;

/** The remove-background panel: keep the subject, put a chosen background behind it. */
final class RemoveBackgroundPanel implements PanelBinder {

    static final String BACKGROUND = "background";
    static final String MASK_ONLY = "mask-only";

    private RemoveBackgroundPanel() {}

    static Panel create() {
        return new Panel(new PanelDescriptor(Operation.REMOVE_BACKGROUND.id(), Operation.REMOVE_BACKGROUND.title(),
                "Keep the main subject and replace everything behind it.", Operation.REMOVE_BACKGROUND,
                List.of(background("What to put behind the subject"), new ToggleField(MASK_ONLY, "Mask only",
                        "Return the mask itself (white subject on black) instead of the cut-out", false)),
                List.of()), new RemoveBackgroundPanel());
    }

    /** Returns a background choice field, transparent by default; Prep for 3D uses it too. */
    static ChoiceField background(String help) {
        return new ChoiceField(BACKGROUND, "Background", help, List.of(
                new Choice(Background.TRANSPARENT.id(), "Transparent"),
                new Choice(Background.WHITE.id(), "White"),
                new Choice(Background.GREY.id(), "Grey"),
                new Choice(Background.BLACK.id(), "Black")), Background.TRANSPARENT.id());
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new RemoveBackgroundRequest(values.choice(BACKGROUND, Background::byId), values.toggle(MASK_ONLY));
    }
}
