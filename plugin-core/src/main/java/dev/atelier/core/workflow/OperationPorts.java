package dev.atelier.core.workflow;

import dev.atelier.core.operation.Operation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ports of each operation in a workflow. Every node takes an {@code image} and gives an {@code image} (its result
 * laid over its input, the way a host shows the new layer); Retouch needs a {@code mask}, Expand may take one (the
 * selection at the edge), and Remove background also gives its cut-out as a {@code mask}.
 */
public final class OperationPorts {

    public static final String IMAGE = "image";
    public static final String MASK = "mask";

    private OperationPorts() {}

    /** Returns the operation's input ports by name, image first. */
    public static Map<String, InputPort> inputs(Operation op) {
        Map<String, InputPort> ports = new LinkedHashMap<>();
        ports.put(IMAGE, new InputPort(PortType.IMAGE, true));
        if (op == Operation.RETOUCH) {
            ports.put(MASK, new InputPort(PortType.MASK, true));
        } else if (op == Operation.EXPAND) {
            ports.put(MASK, new InputPort(PortType.MASK, false));
        }
        return ports;
    }

    /** Returns the operation's output ports by name, image first. */
    public static Map<String, PortType> outputs(Operation op) {
        Map<String, PortType> ports = new LinkedHashMap<>();
        ports.put(IMAGE, PortType.IMAGE);
        if (op == Operation.REMOVE_BACKGROUND) {
            ports.put(MASK, PortType.MASK);
        }
        return ports;
    }
}
