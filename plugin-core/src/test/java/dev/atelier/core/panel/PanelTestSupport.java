package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for panel tests. */
final class PanelTestSupport {

    private PanelTestSupport() {}

    /** Returns values from alternating ids and plain values (strings, numbers, booleans, JSON). */
    static Map<String, JsonElement> values(Object... idsAndValues) {
        Map<String, JsonElement> values = new LinkedHashMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            values.put((String) idsAndValues[i], Values.toJson(idsAndValues[i + 1]));
        }
        return values;
    }

    static Panel panel(String id) {
        return BuiltInPanels.byId(id).orElseThrow();
    }
}
