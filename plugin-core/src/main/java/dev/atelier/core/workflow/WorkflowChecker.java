package dev.atelier.core.workflow;

import com.google.gson.JsonElement;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.panel.Field;
import dev.atelier.core.panel.FieldProblem;
import dev.atelier.core.panel.InvalidParametersException;
import dev.atelier.core.panel.Panel;
import dev.atelier.core.panel.SourceField;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks what a workflow means and reports every problem at once, each with its node and field: unknown
 * operations, bad or unknown parameter values, edges to or from nothing, image fed to mask (type mismatch), required
 * inputs left unconnected, cycles, outputs and exposed parameters that name nothing, App ranges outside the node's.
 */
public final class WorkflowChecker {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Workflow w;
    private final List<WorkflowProblem> problems = new ArrayList<>();
    private final Map<String, Panel> panels = new LinkedHashMap<>();
    private final Map<String, Map<String, Endpoint>> feeds = new HashMap<>();
    private final Set<String> badValues = new HashSet<>();

    private WorkflowChecker(Workflow w) {
        this.w = w;
    }

    /**
     * Returns the checked workflow.
     *
     * @throws WorkflowException listing every problem
     */
    public static CheckedWorkflow check(Workflow w) throws WorkflowException {
        WorkflowChecker c = new WorkflowChecker(w);
        c.ids();
        c.nodes();
        c.edges();
        c.requiredInputs();
        List<WorkflowNode> order = c.order();
        c.outputs();
        Map<String, ExposedField> fields = c.parameters();
        if (!c.problems.isEmpty()) {
            throw new WorkflowException(w.id().isEmpty() ? "(no id)" : w.id(), c.problems);
        }
        return new CheckedWorkflow(w, order, c.panels, c.feeds, fields);
    }

    private void ids() {
        if (!ID.matcher(w.id()).matches()) {
            problems.add(WorkflowProblem.at("id", "must be lower-case words joined by '-', e.g. character-finish"
                    + " (got '" + w.id() + "')"));
        }
        unique("input", w.inputs().stream().map(WorkflowInput::id).toList());
        unique("output", w.outputs().stream().map(WorkflowOutput::id).toList());
        unique("parameter", w.parameters().stream().map(ExposedParameter::id).toList());
        long images = w.inputs().stream().filter(i -> i.type() == PortType.IMAGE).count();
        long masks = w.inputs().stream().filter(i -> i.type() == PortType.MASK).count();
        if (images != 1 || masks > 1) {
            problems.add(WorkflowProblem.at("inputs", "format 1 takes exactly one image input and at most one mask"
                    + " input (got " + images + " image, " + masks + " mask)"));
        }
        w.inputs().stream().filter(i -> i.type() == PortType.IMAGE && i.optional()).forEach(i -> problems.add(
                WorkflowProblem.at("input '" + i.id() + "'", "the image input cannot be optional")));
        if (w.nodes().isEmpty()) {
            problems.add(WorkflowProblem.at("nodes", "a workflow needs at least one node"));
        }
        if (w.outputs().isEmpty()) {
            problems.add(WorkflowProblem.at("outputs", "a workflow needs at least one output"));
        }
    }

    private void unique(String what, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                problems.add(WorkflowProblem.at(what + " '" + id + "'",
                        "ids are lower-case words joined by '-'"));
            } else if (!seen.add(id)) {
                problems.add(WorkflowProblem.at(what + " '" + id + "'", "duplicate id"));
            }
        }
    }

    private void nodes() {
        Set<String> seen = new HashSet<>();
        for (WorkflowNode n : w.nodes()) {
            if (!ID.matcher(n.id()).matches() || Endpoint.INPUTS.equals(n.id())) {
                problems.add(new WorkflowProblem(n.id(), "id", "node ids are lower-case words joined by '-', and"
                        + " not 'inputs'"));
                continue;
            }
            if (!seen.add(n.id())) {
                problems.add(new WorkflowProblem(n.id(), "id", "duplicate node id"));
                continue;
            }
            Optional<Panel> panel = BuiltInPanels.byId(n.operation())
                    .filter(p -> p.descriptor().operation() != Operation.WORKFLOW);
            if (panel.isEmpty()) {
                problems.add(new WorkflowProblem(n.id(), "operation", "unknown operation '" + n.operation()
                        + "'; known: " + BuiltInPanels.all().stream().map(Panel::id).collect(Collectors.joining(
                        ", "))));
                continue;
            }
            panels.put(n.id(), panel.get());
            params(n, panel.get());
        }
    }

    private void params(WorkflowNode n, Panel panel) {
        int before = problems.size();
        boolean inputsNamed = false;
        for (String name : n.params().keySet()) {
            Optional<Field> f = panel.descriptor().field(name);
            boolean port = OperationPorts.inputs(panel.descriptor().operation()).containsKey(name);
            if (port || f.isPresent() && f.get() instanceof SourceField) {
                problems.add(new WorkflowProblem(n.id(), name, "is an input, not a parameter; connect it with an"
                        + " edge to " + n.id() + "." + name));
                inputsNamed = true;
            }
        }
        if (inputsNamed) {
            badValues.add(n.id());
            return;
        }
        try {
            panel.bind(n.params());
        } catch (InvalidParametersException e) {
            for (FieldProblem p : e.problems()) {
                problems.add(new WorkflowProblem(n.id(), p.field(), p.message()));
            }
        }
        if (problems.size() > before) {
            badValues.add(n.id()); // its exposed defaults would only repeat these problems
        }
    }

    private void edges() {
        for (Edge e : w.edges()) {
            Optional<PortType> from = source(e.from(), "edge " + e);
            if (e.to().isWorkflowInput()) {
                problems.add(WorkflowProblem.at("edge " + e, "an edge cannot feed a workflow input"));
                continue;
            }
            Panel panel = panels.get(e.to().owner());
            if (panel == null) {
                if (w.node(e.to().owner()).isEmpty()) {
                    problems.add(WorkflowProblem.at("edge " + e, "no node '" + e.to().owner() + "'"));
                }
                continue;
            }
            InputPort port = OperationPorts.inputs(panel.descriptor().operation()).get(e.to().port());
            if (port == null) {
                problems.add(new WorkflowProblem(e.to().owner(), e.to().port(), "no such input; "
                        + panel.id() + " takes " + String.join(", ",
                        OperationPorts.inputs(panel.descriptor().operation()).keySet())));
                continue;
            }
            Map<String, Endpoint> in = feeds.computeIfAbsent(e.to().owner(), k -> new LinkedHashMap<>());
            if (in.containsKey(e.to().port())) {
                problems.add(new WorkflowProblem(e.to().owner(), e.to().port(), "fed twice (from "
                        + in.get(e.to().port()) + " and " + e.from() + "); an input takes one edge"));
                continue;
            }
            in.put(e.to().port(), e.from());
            if (from.isPresent() && from.get() != port.type()) {
                problems.add(new WorkflowProblem(e.to().owner(), e.to().port(), "type mismatch: " + e.from()
                        + " is " + article(from.get()) + ", this input takes " + article(port.type())));
            }
        }
    }

    private Optional<PortType> source(Endpoint from, String where) {
        if (from.isWorkflowInput()) {
            Optional<WorkflowInput> in = w.input(from.port());
            if (in.isEmpty()) {
                problems.add(WorkflowProblem.at(where, "no workflow input '" + from.port() + "'"));
            }
            return in.map(WorkflowInput::type);
        }
        Panel panel = panels.get(from.owner());
        if (panel == null) {
            if (w.node(from.owner()).isEmpty()) {
                problems.add(WorkflowProblem.at(where, "no node '" + from.owner() + "'"));
            }
            return Optional.empty();
        }
        Map<String, PortType> outputs = OperationPorts.outputs(panel.descriptor().operation());
        PortType t = outputs.get(from.port());
        if (t == null) {
            problems.add(new WorkflowProblem(from.owner(), from.port(), "no such output; " + panel.id()
                    + " gives " + String.join(", ", outputs.keySet())));
        }
        return Optional.ofNullable(t);
    }

    private void requiredInputs() {
        for (Map.Entry<String, Panel> e : panels.entrySet()) {
            Map<String, Endpoint> in = feeds.getOrDefault(e.getKey(), Map.of());
            OperationPorts.inputs(e.getValue().descriptor().operation()).forEach((port, spec) -> {
                Endpoint fed = in.get(port);
                if (spec.required() && fed == null) {
                    problems.add(new WorkflowProblem(e.getKey(), port, "required input not connected; add an edge"
                            + " to " + e.getKey() + "." + port));
                }
            });
        }
    }

    /** Kahn's algorithm, taking ready nodes in file order; what remains is reported as a cycle. */
    private List<WorkflowNode> order() {
        Map<String, Set<String>> after = new LinkedHashMap<>();
        for (String id : panels.keySet()) {
            Set<String> before = new LinkedHashSet<>();
            for (Endpoint from : feeds.getOrDefault(id, Map.of()).values()) {
                if (!from.isWorkflowInput() && panels.containsKey(from.owner())) {
                    before.add(from.owner());
                }
            }
            after.put(id, before);
        }
        List<WorkflowNode> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (WorkflowNode n : w.nodes()) {
                if (after.containsKey(n.id()) && !done.contains(n.id()) && done.containsAll(after.get(n.id()))) {
                    order.add(n);
                    done.add(n.id());
                    progress = true;
                    break;
                }
            }
        }
        if (done.size() < after.size()) {
            List<String> cycle = cycle(after, done);
            problems.add(new WorkflowProblem(cycle.get(0), "", "is in a cycle: " + String.join(" -> ", cycle)));
        }
        return order;
    }

    private static List<String> cycle(Map<String, Set<String>> after, Set<String> done) {
        String start = after.keySet().stream().filter(id -> !done.contains(id)).findFirst().orElseThrow();
        Deque<String> path = new ArrayDeque<>();
        Set<String> onPath = new HashSet<>();
        String at = start;
        while (onPath.add(at)) {
            path.addLast(at);
            at = after.get(at).stream().filter(id -> !done.contains(id)).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>();
        boolean in = false;
        for (String id : path) {
            in |= id.equals(at);
            if (in) {
                cycle.add(id);
            }
        }
        // Walk upstream (a feeds b is written a -> b), so reverse the predecessor chain.
        java.util.Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return cycle;
    }

    private void outputs() {
        for (WorkflowOutput out : w.outputs()) {
            if (out.from().isWorkflowInput()) {
                problems.add(WorkflowProblem.at("output '" + out.id() + "'", "must come from a node, not an input"));
                continue;
            }
            source(out.from(), "output '" + out.id() + "'");
        }
    }

    private Map<String, ExposedField> parameters() {
        Map<String, ExposedField> fields = new LinkedHashMap<>();
        for (ExposedParameter p : w.parameters()) {
            Panel panel = panels.get(p.node());
            if (panel == null || badValues.contains(p.node())) {
                if (w.node(p.node()).isEmpty()) {
                    problems.add(WorkflowProblem.at("parameter '" + p.id() + "'", "no node '" + p.node() + "'"));
                }
                continue;
            }
            Optional<Field> f = panel.descriptor().field(p.param());
            if (f.isEmpty()) {
                problems.add(new WorkflowProblem(p.node(), p.param(), "no such field to expose as '" + p.id()
                        + "'; " + panel.id() + " has " + panel.descriptor().fields().stream()
                        .filter(x -> !(x instanceof SourceField)).map(Field::id).collect(Collectors.joining(", "))));
                continue;
            }
            JsonElement nodeValue = w.node(p.node()).orElseThrow().params().get(p.param());
            try {
                fields.put(p.id(), new ExposedField(p, ExposedFields.make(p, f.get(), nodeValue)));
            } catch (IllegalArgumentException e) {
                problems.add(new WorkflowProblem(p.node(), p.param(), "exposed as '" + p.id() + "': "
                        + e.getMessage()));
            }
        }
        return fields;
    }

    private static String article(PortType t) {
        return t == PortType.IMAGE ? "an image" : "a mask";
    }
}
