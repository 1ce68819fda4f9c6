package dev.atelier.inference.engine;

import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The engines the daemon knows, found through {@link ServiceLoader}. Discovery reads only each provider's
 * {@link EngineDescriptor}; a provider that cannot be found, has no descriptor or fails to load is listed as
 * broken with its error instead of stopping the daemon.
 */
public final class EngineRegistry implements AutoCloseable {

    private final List<EngineSlot> slots;

    private EngineRegistry(List<EngineSlot> slots) {
        this.slots = slots.stream().sorted(Comparator.comparingInt(s -> s.info().rank())).toList();
    }

    /** Discovers every engine registered on the class loader's {@code META-INF/services}. */
    public static EngineRegistry discover(ClassLoader loader, EngineContext context) {
        List<EngineSlot> slots = new ArrayList<>();
        Iterator<ServiceLoader.Provider<EngineProvider>> it =
                ServiceLoader.load(EngineProvider.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<EngineProvider> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                slots.add(EngineSlot.broken(unknown(e.getMessage()), "not loadable: " + e.getMessage()));
                continue;
            }
            slots.add(describe(p.type(), p::get, context));
        }
        return new EngineRegistry(slots);
    }

    /** Returns a registry of the given provider classes, for tests and embedding. */
    @SafeVarargs
    public static EngineRegistry of(EngineContext context, Class<? extends EngineProvider>... types) {
        List<EngineSlot> slots = new ArrayList<>();
        for (Class<? extends EngineProvider> type : types) {
            slots.add(describe(type, () -> instantiate(type), context));
        }
        return new EngineRegistry(slots);
    }

    /** Returns a registry of ready-made provider instances (tests use it to inject fakes). */
    public static EngineRegistry ofProviders(EngineContext context, EngineProvider... providers) {
        List<EngineSlot> slots = new ArrayList<>();
        for (EngineProvider p : providers) {
            slots.add(describe(p.getClass(), () -> p, context));
        }
        return new EngineRegistry(slots);
    }

    private static EngineSlot describe(
            Class<? extends EngineProvider> type,
            java.util.function.Supplier<EngineProvider> factory,
            EngineContext context) {
        EngineDescriptor d = type.getAnnotation(EngineDescriptor.class);
        if (d == null) {
            return EngineSlot.broken(unknown(type.getName()), "no @EngineDescriptor on " + type.getName());
        }
        return new EngineSlot(EngineInfo.of(d, type), factory, context);
    }

    private static EngineProvider instantiate(Class<? extends EngineProvider> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EngineInfo unknown(String source) {
        return new EngineInfo("?", "unknown engine", List.of(), false, Integer.MAX_VALUE, String.valueOf(source));
    }

    /** Returns every slot, best rank first, broken ones included. */
    public List<EngineSlot> slots() {
        return slots;
    }

    /**
     * Returns the best engine that can run {@code request}, loading it if needed; otherwise the reason it cannot
     * be run, worded for the user.
     */
    public Route route(OperationRequest request) {
        return route(request, null);
    }

    /** Returns the best engine that can run {@code request} on {@code input} (null when not known yet). */
    public Route route(OperationRequest request, JobInput input) {
        String opId = request.operation().id();
        String reason = null;
        for (EngineSlot slot : slots) {
            if (!slot.info().runs(opId)) {
                continue;
            }
            Optional<Engine> engine = slot.engine();
            if (engine.isEmpty()) {
                reason = "engine '" + slot.info().id() + "' is broken: " + slot.error().orElse("?");
                continue;
            }
            if (!engine.get().handles(request)) {
                continue; // not meant for it: no reason to report
            }
            Optional<String> unsupported = input == null ? engine.get().unsupportedReason(request)
                    : engine.get().unsupportedReason(request, input);
            if (unsupported.isEmpty()) {
                // A preferred engine declined: the user should know the result came from a fallback, and why.
                return new Route(slot, engine.get(), reason == null ? null
                        : "Used the " + slot.info().name() + " engine: " + reason);
            }
            reason = unsupported.get();
        }
        return new Route(null, null, reason != null ? reason : unavailableReason(request.operation()).orElseThrow());
    }

    /** Returns why no engine offers {@code op} at all, or empty when one (not known broken) does. */
    public Optional<String> unavailableReason(Operation op) {
        boolean broken = false;
        for (EngineSlot slot : slots) {
            if (slot.info().runs(op.id())) {
                if (slot.state() != EngineSlot.State.BROKEN) {
                    return Optional.empty();
                }
                broken = true;
            }
        }
        return Optional.of(broken
                ? op.title() + " is unavailable: its engine failed to load (see 'atelier status')"
                : op.title() + " needs an engine that is not installed yet");
    }

    @Override
    public void close() {
        slots.forEach(EngineSlot::close);
    }

    /**
     * The outcome of routing: an engine to run, or the reason there is none. When an engine was found after a
     * preferred one declined, {@code reason} is the notice to show with its result.
     */
    public record Route(EngineSlot slot, Engine engine, String reason) {

        public boolean found() {
            return engine != null;
        }
    }
}
