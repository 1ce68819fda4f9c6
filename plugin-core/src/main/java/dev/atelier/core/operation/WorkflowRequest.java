package dev.atelier.core.operation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Run a workflow published as an App: its id and the App panel's values (canonical, as bound), which set the
 * workflow's exposed parameters. Engines never see it; the daemon's workflow runner turns it into node requests.
 */
public record WorkflowRequest(String workflow, Map<String, Object> values) implements OperationRequest {

    public WorkflowRequest {
        Objects.requireNonNull(workflow, "workflow");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Operation operation() {
        return Operation.WORKFLOW;
    }
}
