package dev.atelier.inference.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery reads descriptors without loading engines; broken contributions are listed, never fatal. */
class EngineRegistryTest {

    static final AtomicInteger CREATED = new AtomicInteger();

    /** Counts instantiations, to prove discovery does not instantiate. */
    @EngineDescriptor(id = "counting", name = "Counting", operations = {"upscale"}, rank = 5)
    public static final class CountingProvider implements EngineProvider {
        public CountingProvider() {
            CREATED.incrementAndGet();
        }

        @Override
        public Engine create(EngineContext context) {
            return new ClassicalEngineProvider().create(context);
        }
    }

    /** Has no descriptor. */
    public static final class UndescribedProvider implements EngineProvider {
        @Override
        public Engine create(EngineContext context) {
            throw new AssertionError("never created");
        }
    }

    /** Fails to load, like an engine whose native library is missing. */
    @EngineDescriptor(id = "exploding", name = "Exploding", operations = {"remove-background"})
    public static final class ExplodingProvider implements EngineProvider {
        @Override
        public Engine create(EngineContext context) {
            throw new UnsatisfiedLinkError("libonnxruntime.so: cannot open shared object file");
        }
    }

    /** Prefers to upscale but has no model, like the ONNX engine before 'atelier models install'. */
    @EngineDescriptor(id = "modelless", name = "Modelless", operations = {"upscale"}, rank = 5)
    public static final class ModellessProvider implements EngineProvider {
        @Override
        public Engine create(EngineContext context) {
            return new Engine() {
                @Override
                public java.util.Optional<String> unsupportedReason(dev.atelier.core.operation.OperationRequest r) {
                    return java.util.Optional.of("no ESRGAN model installed (atelier models install esrgan-slim)");
                }

                @Override
                public dev.atelier.core.operation.OperationResult run(dev.atelier.core.operation.OperationRequest r,
                        JobInput input, ProgressSink progress, CancelToken cancel) {
                    throw new AssertionError("declined engines are never run");
                }
            };
        }
    }

    @Test
    void aFallbackSaysWhyThePreferredEngineDeclined(@TempDir Path dir) {
        EngineRegistry registry = EngineRegistry.ofProviders(context(dir), new ClassicalEngineProvider(),
                new ModellessProvider());
        EngineRegistry.Route route = registry.route(new UpscaleRequest(2, UpscalePreset.PRECISE));
        assertEquals("classical", route.slot().info().id());
        assertEquals("Used the Classical (no model) engine: no ESRGAN model installed (atelier models install "
                + "esrgan-slim)", route.reason());
    }

    /** Refines upscales but not Precise ones, like the diffusion engine: it passes those on without a word. */
    @EngineDescriptor(id = "picky", name = "Picky", operations = {"upscale"}, rank = 5)
    public static final class PickyProvider implements EngineProvider {
        @Override
        public Engine create(EngineContext context) {
            return new Engine() {
                @Override
                public boolean handles(dev.atelier.core.operation.OperationRequest r) {
                    return ((UpscaleRequest) r).preset() != UpscalePreset.PRECISE;
                }

                @Override
                public java.util.Optional<String> unsupportedReason(dev.atelier.core.operation.OperationRequest r) {
                    return java.util.Optional.of("never asked for Precise");
                }

                @Override
                public dev.atelier.core.operation.OperationResult run(dev.atelier.core.operation.OperationRequest r,
                        JobInput input, ProgressSink progress, CancelToken cancel) {
                    throw new AssertionError("only routed here");
                }
            };
        }
    }

    @Test
    void aRequestAnEngineDoesNotHandleGoesOnWithoutANotice(@TempDir Path dir) {
        EngineRegistry registry = EngineRegistry.ofProviders(context(dir), new ClassicalEngineProvider(),
                new PickyProvider());
        EngineRegistry.Route precise = registry.route(new UpscaleRequest(2, UpscalePreset.PRECISE));
        assertEquals("classical", precise.slot().info().id());
        assertEquals(null, precise.reason());
        EngineRegistry.Route balanced = registry.route(new UpscaleRequest(2, UpscalePreset.BALANCED));
        assertEquals("classical", balanced.slot().info().id());
        assertEquals("Used the Classical (no model) engine: never asked for Precise", balanced.reason(),
                "a request it handles but declines still says why");
    }

    /** Cuts out opaque images only, like the ONNX engine's Prep for 3D with ISNet. */
    @EngineDescriptor(id = "opaque-only", name = "Opaque only", operations = {"prep-3d"}, rank = 5)
    public static final class OpaqueOnlyProvider implements EngineProvider {
        @Override
        public Engine create(EngineContext context) {
            return new Engine() {
                @Override
                public java.util.Optional<String> unsupportedReason(dev.atelier.core.operation.OperationRequest r) {
                    return java.util.Optional.empty();
                }

                @Override
                public java.util.Optional<String> unsupportedReason(dev.atelier.core.operation.OperationRequest r,
                        JobInput input) {
                    return input.image().get(0, 0, 3) == 255 ? java.util.Optional.empty()
                            : java.util.Optional.of("the image has its own transparency");
                }

                @Override
                public dev.atelier.core.operation.OperationResult run(dev.atelier.core.operation.OperationRequest r,
                        JobInput input, ProgressSink progress, CancelToken cancel) {
                    throw new AssertionError("only routed here");
                }
            };
        }
    }

    @Test
    void anEngineMayDeclineByTheImageOnceTheInputIsKnown(@TempDir Path dir) {
        EngineRegistry registry = EngineRegistry.ofProviders(context(dir), new ClassicalEngineProvider(),
                new OpaqueOnlyProvider());
        var request = new dev.atelier.core.operation.Prep3dRequest(512, 10,
                dev.atelier.core.operation.Background.WHITE, false);
        var opaque = JobInput.of(dev.atelier.core.image.Raster.filled(8, 8, 0x102030ff));
        var cutOut = JobInput.of(dev.atelier.core.image.Raster.filled(8, 8, 0x10203000));
        assertEquals("opaque-only", registry.route(request).slot().info().id());
        assertEquals("opaque-only", registry.route(request, opaque).slot().info().id());
        EngineRegistry.Route fallback = registry.route(request, cutOut);
        assertEquals("classical", fallback.slot().info().id());
        assertEquals("Used the Classical (no model) engine: the image has its own transparency", fallback.reason());
    }

    private static EngineContext context(Path dir) {
        return new EngineContext(dir, 1);
    }

    private static ClassLoader withServices(Path dir, String... providers) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.write(services.resolve(EngineProvider.class.getName()), List.of(providers));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, EngineRegistryTest.class.getClassLoader());
    }

    @Test
    void discoveryDescribesWithoutInstantiating(@TempDir Path dir) throws Exception {
        CREATED.set(0);
        EngineRegistry registry = EngineRegistry.discover(
                withServices(dir, CountingProvider.class.getName()), context(dir));
        List<EngineSlot> slots = registry.slots().stream().filter(s -> s.info().id().equals("counting")).toList();
        assertEquals(1, slots.size());
        assertEquals(EngineSlot.State.DESCRIBED, slots.get(0).state());
        assertEquals(0, CREATED.get(), "discovery instantiated the provider");
        assertTrue(registry.route(new UpscaleRequest(2, UpscalePreset.PRECISE)).found());
        assertEquals(1, CREATED.get());
        assertEquals(EngineSlot.State.READY, slots.get(0).state());
    }

    @Test
    void brokenContributionsAreListedWithTheirErrors(@TempDir Path dir) throws Exception {
        EngineRegistry registry = EngineRegistry.discover(withServices(dir,
                "dev.atelier.NoSuchEngine", UndescribedProvider.class.getName(), ExplodingProvider.class.getName()),
                context(dir));
        Map<String, EngineSlot> bySource = registry.slots().stream()
                .collect(Collectors.toMap(s -> s.info().source(), s -> s, (a, b) -> a));
        EngineSlot missing = registry.slots().stream().filter(s -> s.info().source().contains("NoSuchEngine"))
                .findFirst().orElseThrow();
        assertEquals(EngineSlot.State.BROKEN, missing.state());
        assertTrue(missing.error().orElseThrow().startsWith("not loadable: "), missing.error().orElseThrow());
        EngineSlot undescribed = bySource.get(UndescribedProvider.class.getName());
        assertEquals("no @EngineDescriptor on " + UndescribedProvider.class.getName(),
                undescribed.error().orElseThrow());
        // The classical engine from the real services file is still there and works.
        assertTrue(registry.route(new DetectRequest(DetectMode.CANNY, 100, 200, 1)).found());
    }

    @Test
    void anEngineThatFailsToLoadBecomesBrokenAndItsOperationUnavailable(@TempDir Path dir) {
        EngineRegistry registry = EngineRegistry.ofProviders(context(dir), new ExplodingProvider());
        EngineRegistry.Route route = registry.route(new dev.atelier.core.operation.RemoveBackgroundRequest(
                dev.atelier.core.operation.Background.WHITE));
        assertFalse(route.found());
        assertEquals("engine 'exploding' is broken: failed to load: java.lang.UnsatisfiedLinkError: "
                + "libonnxruntime.so: cannot open shared object file", route.reason());
        assertEquals("Remove background is unavailable: its engine failed to load (see 'atelier status')",
                registry.unavailableReason(Operation.REMOVE_BACKGROUND).orElseThrow());
    }

    @Test
    void lowerRankWins(@TempDir Path dir) {
        CREATED.set(0);
        EngineRegistry registry = EngineRegistry.ofProviders(context(dir), new ClassicalEngineProvider(),
                new CountingProvider());
        assertEquals("counting", registry.route(new UpscaleRequest(2, UpscalePreset.PRECISE)).slot().info().id());
    }

    @Test
    void operationsWithoutAnyEngineSaySo(@TempDir Path dir) {
        EngineRegistry registry = EngineRegistry.ofProviders(context(dir), new ClassicalEngineProvider());
        assertEquals("Img2Img needs an engine that is not installed yet",
                registry.unavailableReason(Operation.IMG2IMG).orElseThrow());
        assertTrue(registry.unavailableReason(Operation.UPSCALE).isEmpty());
        EngineRegistry.Route depth = registry.route(new DetectRequest(DetectMode.DEPTH, 100, 200, 1));
        assertFalse(depth.found());
        assertTrue(depth.reason().startsWith("Detect depth needs a neural model"), depth.reason());
    }
}
