package dev.atelier.core.panel;

import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The detect panel: an edge, line, depth, normal, pose or segmentation map of the image. */
final class DetectPanel implements PanelBinder {

    static final String MODE = "mode";
    static final String LOW = "low";
    static final String HIGH = "high";
    static final String LINE_WEIGHT = "line-weight";

    private DetectPanel() {}

    static Panel create() {
        List<Field> fields = List.of(
                new ChoiceField(MODE, "Mode", "Which map to make",
                        Arrays.stream(DetectMode.values()).map(m -> new Choice(m.id(), m.label())).toList(),
                        DetectMode.CANNY.id()),
                new SliderField(LOW, "Low threshold", "Edges: weaker gradients below this are dropped",
                        0, 255, 1, 100),
                new SliderField(HIGH, "High threshold", "Edges: gradients above this always count as edges",
                        0, 255, 1, 200),
                new SliderField(LINE_WEIGHT, "Line weight", "Line art: thickness of the lines", 0.3, 5, 0.1, 1.0));
        List<Preset> presets = List.of(
                new Preset("soft-edges", "Soft edges", Map.of(MODE, "canny", LOW, 50, HIGH, 100)),
                new Preset("strong-edges", "Strong edges", Map.of(MODE, "canny", LOW, 150, HIGH, 250)),
                new Preset("fine-lines", "Fine lines", Map.of(MODE, "lineart", LINE_WEIGHT, 0.5)),
                new Preset("bold-lines", "Bold lines", Map.of(MODE, "lineart", LINE_WEIGHT, 2.5)));
        return new Panel(new PanelDescriptor(Operation.DETECT.id(), Operation.DETECT.title(),
                "Make an edge, line art, depth, normal, pose or segmentation map of the image.",
                Operation.DETECT, fields, presets), new DetectPanel());
    }

    @Override
    public List<FieldProblem> check(BoundValues values) {
        if (!values.has(LOW) || !values.has(HIGH)) {
            return List.of();
        }
        int low = values.integer(LOW);
        int high = values.integer(HIGH);
        if (low <= high) {
            return List.of();
        }
        return List.of(
                new FieldProblem(LOW, "must not be above high (" + low + " > " + high + ")"),
                new FieldProblem(HIGH, "must not be below low (" + high + " < " + low + ")"));
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new DetectRequest(values.choice(MODE, DetectMode::byId), values.integer(LOW), values.integer(HIGH),
                values.decimal(LINE_WEIGHT));
    }
}
