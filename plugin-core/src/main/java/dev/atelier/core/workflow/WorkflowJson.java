package dev.atelier.core.workflow;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads and writes the workflow JSON ({@code "format": 1}, see {@code docs/workflows.md}). Reading checks the shape
 * only (keys, types, the format number) and reports every problem at once; {@link WorkflowChecker} checks meaning.
 * Unknown keys are problems, so a typo such as {@code "parms"} is not silently ignored.
 */
public final class WorkflowJson {

    private static final Set<String> TOP = Set.of("format", "id", "title", "description", "inputs", "nodes", "edges",
            "parameters", "outputs");
    private static final Set<String> INPUT = Set.of("id", "type", "optional");
    private static final Set<String> NODE = Set.of("id", "operation", "params");
    private static final Set<String> EDGE = Set.of("from", "to");
    private static final Set<String> PARAMETER = Set.of("id", "node", "param", "label", "help", "default", "min",
            "max");
    private static final Set<String> OUTPUT = Set.of("id", "from");

    private WorkflowJson() {}

    /**
     * Parses a workflow document.
     *
     * @param source what to call the document in messages (its file name) until its id is known
     * @throws WorkflowException naming every shape problem
     */
    public static Workflow parse(String json, String source) throws WorkflowException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new WorkflowException(source, List.of(WorkflowProblem.of("not valid JSON: " + rootCause(e))));
        }
        if (!root.isJsonObject()) {
            throw new WorkflowException(source, List.of(WorkflowProblem.of("must be a JSON object")));
        }
        Reader r = new Reader(root.getAsJsonObject());
        Workflow w = r.workflow();
        if (!r.problems.isEmpty()) {
            throw new WorkflowException(w.id().isEmpty() ? source : w.id(), r.problems);
        }
        return w;
    }

    /** Writes the canonical document: {@link #parse} of it gives an equal workflow. */
    public static String write(Workflow w) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(w)) + "\n";
    }

    /** Returns the canonical JSON object. */
    public static JsonObject toJson(Workflow w) {
        JsonObject o = new JsonObject();
        o.addProperty("format", Workflow.FORMAT);
        o.addProperty("id", w.id());
        o.addProperty("title", w.title());
        o.addProperty("description", w.description());
        JsonArray inputs = new JsonArray();
        for (WorkflowInput in : w.inputs()) {
            JsonObject i = new JsonObject();
            i.addProperty("id", in.id());
            i.addProperty("type", in.type().id());
            if (in.optional()) {
                i.addProperty("optional", true);
            }
            inputs.add(i);
        }
        o.add("inputs", inputs);
        JsonArray nodes = new JsonArray();
        for (WorkflowNode n : w.nodes()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", n.id());
            j.addProperty("operation", n.operation());
            JsonObject params = new JsonObject();
            n.params().forEach(params::add);
            j.add("params", params);
            nodes.add(j);
        }
        o.add("nodes", nodes);
        JsonArray edges = new JsonArray();
        for (Edge e : w.edges()) {
            JsonObject j = new JsonObject();
            j.addProperty("from", e.from().toString());
            j.addProperty("to", e.to().toString());
            edges.add(j);
        }
        o.add("edges", edges);
        JsonArray parameters = new JsonArray();
        for (ExposedParameter p : w.parameters()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", p.id());
            j.addProperty("node", p.node());
            j.addProperty("param", p.param());
            if (!p.label().isEmpty()) {
                j.addProperty("label", p.label());
            }
            if (!p.help().isEmpty()) {
                j.addProperty("help", p.help());
            }
            p.defaultValue().ifPresent(v -> j.add("default", v));
            p.min().ifPresent(v -> j.add("min", number(v)));
            p.max().ifPresent(v -> j.add("max", number(v)));
            parameters.add(j);
        }
        o.add("parameters", parameters);
        JsonArray outputs = new JsonArray();
        for (WorkflowOutput out : w.outputs()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", out.id());
            j.addProperty("from", out.from().toString());
            outputs.add(j);
        }
        o.add("outputs", outputs);
        return o;
    }

    private static JsonPrimitive number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? new JsonPrimitive((long) v) : new JsonPrimitive(v);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.split("\n")[0];
    }

    /** Collects problems while reading; every reader method returns a usable value even after a problem. */
    private static final class Reader {
        private final JsonObject root;
        private final List<WorkflowProblem> problems = new ArrayList<>();

        Reader(JsonObject root) {
            this.root = root;
        }

        Workflow workflow() {
            unknownKeys("", "", root, TOP);
            format();
            String id = string("", "id", "id", root, true, "");
            String title = string("", "title", "title", root, false, id);
            String description = string("", "description", "description", root, false, "");
            List<WorkflowInput> inputs = new ArrayList<>();
            for (JsonObject o : objects("inputs", true)) {
                inputs.add(input(o));
            }
            List<WorkflowNode> nodes = new ArrayList<>();
            for (JsonObject o : objects("nodes", true)) {
                nodes.add(node(o));
            }
            List<Edge> edges = new ArrayList<>();
            for (JsonObject o : objects("edges", false)) {
                edge(o).ifPresent(edges::add);
            }
            List<ExposedParameter> parameters = new ArrayList<>();
            for (JsonObject o : objects("parameters", false)) {
                parameters.add(parameter(o));
            }
            List<WorkflowOutput> outputs = new ArrayList<>();
            for (JsonObject o : objects("outputs", true)) {
                output(o).ifPresent(outputs::add);
            }
            return new Workflow(id, title, description, inputs, nodes, edges, parameters, outputs);
        }

        private void format() {
            JsonElement f = root.get("format");
            if (f == null) {
                problems.add(WorkflowProblem.at("format", "missing; write \"format\": " + Workflow.FORMAT));
            } else if (!f.isJsonPrimitive() || !f.getAsJsonPrimitive().isNumber()) {
                problems.add(WorkflowProblem.at("format", "must be a number (got " + f + ")"));
            } else if (f.getAsDouble() != Workflow.FORMAT) {
                problems.add(WorkflowProblem.at("format", "unsupported format " + f + "; this Atelier reads format "
                        + Workflow.FORMAT));
            }
        }

        private WorkflowInput input(JsonObject o) {
            String id = string("", "inputs[].id", "id", o, true, "");
            unknownKeys("", "input '" + id + "'", o, INPUT);
            String type = string("", "input '" + id + "' type", "type", o, true, "image");
            PortType t = PortType.byId(type).orElseGet(() -> {
                problems.add(WorkflowProblem.at("input '" + id + "'", "type must be image or mask (got '" + type
                        + "')"));
                return PortType.IMAGE;
            });
            return new WorkflowInput(id, t, bool("input '" + id + "' optional", o.get("optional")));
        }

        private WorkflowNode node(JsonObject o) {
            String id = string("", "nodes[].id", "id", o, true, "");
            unknownKeys(id, "", o, NODE);
            String op = string(id, "operation", "operation", o, true, "");
            Map<String, JsonElement> params = new LinkedHashMap<>();
            JsonElement p = o.get("params");
            if (p != null && !p.isJsonNull()) {
                if (p.isJsonObject()) {
                    p.getAsJsonObject().entrySet().forEach(e -> params.put(e.getKey(), e.getValue()));
                } else {
                    problems.add(new WorkflowProblem(id, "params", "must be an object of field values"));
                }
            }
            return new WorkflowNode(id, op, params);
        }

        private Optional<Edge> edge(JsonObject o) {
            unknownKeys("", "edge", o, EDGE);
            String from = string("", "edges[].from", "from", o, true, "");
            String to = string("", "edges[].to", "to", o, true, "");
            try {
                return Optional.of(new Edge(Endpoint.parse(from), Endpoint.parse(to)));
            } catch (IllegalArgumentException e) {
                if (!from.isEmpty() && !to.isEmpty()) {
                    problems.add(WorkflowProblem.at("edge " + from + " -> " + to, e.getMessage()));
                }
                return Optional.empty();
            }
        }

        private ExposedParameter parameter(JsonObject o) {
            String id = string("", "parameters[].id", "id", o, true, "");
            String where = "parameter '" + id + "'";
            unknownKeys("", where, o, PARAMETER);
            String node = string("", where + " node", "node", o, true, "");
            String param = string(node, where + " param", "param", o, true, "");
            String label = string("", where + " label", "label", o, false, "");
            String help = string("", where + " help", "help", o, false, "");
            JsonElement def = o.get("default");
            return new ExposedParameter(id, node, param, label, help,
                    def == null || def.isJsonNull() ? Optional.empty() : Optional.of(def),
                    number(where + " min", o.get("min")), number(where + " max", o.get("max")));
        }

        private Optional<WorkflowOutput> output(JsonObject o) {
            String id = string("", "outputs[].id", "id", o, true, "");
            unknownKeys("", "output '" + id + "'", o, OUTPUT);
            String from = string("", "output '" + id + "' from", "from", o, true, "");
            try {
                return Optional.of(new WorkflowOutput(id, Endpoint.parse(from)));
            } catch (IllegalArgumentException e) {
                if (!from.isEmpty()) {
                    problems.add(WorkflowProblem.at("output '" + id + "'", e.getMessage()));
                }
                return Optional.empty();
            }
        }

        private List<JsonObject> objects(String key, boolean required) {
            JsonElement e = root.get(key);
            List<JsonObject> list = new ArrayList<>();
            if (e == null || e.isJsonNull()) {
                if (required) {
                    problems.add(WorkflowProblem.at(key, "missing; it must be a list"));
                }
                return list;
            }
            if (!e.isJsonArray()) {
                problems.add(WorkflowProblem.at(key, "must be a list"));
                return list;
            }
            for (JsonElement item : e.getAsJsonArray()) {
                if (item.isJsonObject()) {
                    list.add(item.getAsJsonObject());
                } else {
                    problems.add(WorkflowProblem.at(key, "every entry must be an object (got " + item + ")"));
                }
            }
            return list;
        }

        private String string(String node, String field, String key, JsonObject o, boolean required,
                String fallback) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                if (required) {
                    problems.add(new WorkflowProblem(node, field, "missing"));
                }
                return fallback;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                problems.add(new WorkflowProblem(node, field, "must be a string (got " + e + ")"));
                return fallback;
            }
            return e.getAsString();
        }

        private boolean bool(String field, JsonElement e) {
            if (e == null || e.isJsonNull()) {
                return false;
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                problems.add(WorkflowProblem.at(field, "must be true or false (got " + e + ")"));
                return false;
            }
            return e.getAsBoolean();
        }

        private OptionalDouble number(String field, JsonElement e) {
            if (e == null || e.isJsonNull()) {
                return OptionalDouble.empty();
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                problems.add(WorkflowProblem.at(field, "must be a number (got " + e + ")"));
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(e.getAsDouble());
        }

        private void unknownKeys(String node, String where, JsonObject o, Set<String> known) {
            for (String k : o.keySet()) {
                if (!known.contains(k)) {
                    problems.add(new WorkflowProblem(node, where.isEmpty() ? k : where + " " + k,
                            "unknown key; known keys: " + String.join(", ", known.stream().sorted().toList())));
                }
            }
        }
    }
}
