package dev.atelier.inference.workflow;

import dev.atelier.core.image.Raster;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished workflow: each named output as an RGBA image (mask outputs as opaque gray), in file order, and the
 * notices of every node, each prefixed with its node id.
 */
public record WorkflowResult(Map<String, Raster> outputs, List<String> notices) {

    public WorkflowResult {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        notices = List.copyOf(notices);
    }
}
