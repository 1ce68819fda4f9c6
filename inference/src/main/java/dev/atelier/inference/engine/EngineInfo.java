package dev.atelier.inference.engine;

import java.util.List;

/** An engine's metadata, read from its {@link EngineDescriptor} without instantiating it. */
public record EngineInfo(String id, String name, List<String> operations, boolean heavy, int rank, String source) {

    public EngineInfo {
        operations = List.copyOf(operations);
    }

    static EngineInfo of(EngineDescriptor d, Class<?> type) {
        return new EngineInfo(d.id(), d.name(), List.of(d.operations()), d.heavy(), d.rank(), type.getName());
    }

    public boolean runs(String operationId) {
        return operations.contains(operationId);
    }
}
