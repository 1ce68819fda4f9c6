package dev.atelier.core.workflow;

/** Workflow documents for tests, written as JSON the way users write them. */
final class Workflows {

    private Workflows() {}

    /** A chain img2img → upscale, plus a remove-background branch fanning in to nothing. */
    static final String CHAIN = """
            {
              "format": 1,
              "id": "chain",
              "title": "Chain",
              "inputs": [{"id": "photo", "type": "image"}, {"id": "sel", "type": "mask", "optional": true}],
              "nodes": [
                {"id": "up", "operation": "upscale", "params": {"factor": "2"}},
                {"id": "restyle", "operation": "img2img", "params": {"prompt": "ink", "influence": 70}}
              ],
              "edges": [
                {"from": "inputs.photo", "to": "restyle.image"},
                {"from": "restyle.image", "to": "up.image"}
              ],
              "parameters": [
                {"id": "keep", "node": "restyle", "param": "influence", "label": "Keep", "min": 40, "max": 90}
              ],
              "outputs": [{"id": "result", "from": "up.image"}]
            }
            """;

    /** Returns {@link #CHAIN} with one text replacement, for error cases. */
    static String chainWith(String from, String to) {
        if (!CHAIN.contains(from)) {
            throw new IllegalArgumentException("fixture has no '" + from + "'");
        }
        return CHAIN.replace(from, to);
    }
}
