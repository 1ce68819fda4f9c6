package dev.atelier.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonPrimitive;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.WorkflowRequest;
import dev.atelier.core.panel.InvalidParametersException;
import dev.atelier.core.panel.Panel;
import dev.atelier.core.panel.PanelJson;
import dev.atelier.core.panel.SliderField;
import dev.atelier.core.panel.SourceField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPanelsTest {

    private static CheckedWorkflow chain() throws WorkflowException {
        return WorkflowChecker.check(WorkflowJson.parse(Workflows.CHAIN, "chain.json"));
    }

    @Test
    void aWorkflowBecomesAPanelNamedAfterIt() throws Exception {
        Panel app = AppPanels.panel(chain());
        assertEquals("chain", app.id());
        assertEquals(Operation.WORKFLOW, app.descriptor().operation());
        assertEquals(List.of("image", "mask", "keep"), app.descriptor().fieldIds());
        SourceField mask = (SourceField) app.descriptor().field("mask").orElseThrow();
        assertEquals(false, mask.required()); // the workflow's mask input is optional
        SliderField keep = (SliderField) app.descriptor().field("keep").orElseThrow();
        assertEquals("Keep", keep.label());
        assertEquals(40, keep.min());
        assertEquals(90, keep.max());
        assertEquals(70, keep.defaultValue()); // the node's value in the file
        assertEquals(keep, PanelJson.fromJson(PanelJson.toJson(app.descriptor())).field("keep").orElseThrow());
    }

    @Test
    void appValuesBecomeNodeValues() throws Exception {
        CheckedWorkflow w = chain();
        WorkflowRequest r = (WorkflowRequest) AppPanels.panel(w).bind(Map.of("keep", new JsonPrimitive(55)));
        assertEquals(new WorkflowRequest("chain", Map.of("keep", 55L)), r);
        Map<String, Map<String, com.google.gson.JsonElement>> overrides = AppPanels.overrides(w, r);
        assertEquals(Map.of("restyle", Map.of("influence", new JsonPrimitive(55L))), overrides);
        assertEquals(55, ((Img2ImgRequest) w.requests(overrides).get("restyle")).influence());
    }

    @Test
    void theAppRangeIsEnforced() throws Exception {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> AppPanels.panel(chain()).bind(Map.of("keep", new JsonPrimitive(95))));
        assertEquals("chain: keep: must be 40..90 (got 95)", e.getMessage());
    }
}
