package dev.atelier.inference.engine.esrgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.onnx.OnnxEngine;
import dev.atelier.inference.engine.tensorflow.TensorFlowEngine;
import dev.atelier.inference.models.esrgan.EsrganImporter;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ESRGAN on both DJL runtimes with the installed models (skipped without them, failed when models are required). */
class EsrganEnginesTest {

    private static final Path CACHE = EngineContext.defaultCacheDir();
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    @Test
    void presetsAndMissingFactorsPickSensibleModelsAndScales() {
        TreeMap<Integer, Path> x4 = new TreeMap<>(Map.of(4, Path.of("x4.onnx")));
        TreeMap<Integer, Path> all = new TreeMap<>(Map.of(2, Path.of("a"), 4, Path.of("b")));
        var slim = new EsrganModels.Installed("esrgan-slim", all, 255, "NCHW");
        var thick = new EsrganModels.Installed("esrgan-thick", x4, 1, "NCHW");
        assertEquals("esrgan-slim", EsrganUpscaling.choose(List.of(slim, thick), UpscalePreset.PRECISE).get().id());
        assertEquals("esrgan-thick", EsrganUpscaling.choose(List.of(slim, thick), UpscalePreset.BALANCED).get().id());
        assertEquals(4, EsrganUpscaling.scaleFor(thick, 8)); // ×4 then Lanczos ×2
        assertEquals(4, EsrganUpscaling.scaleFor(thick, 2)); // ×4 then Lanczos down
        assertEquals(2, EsrganUpscaling.scaleFor(slim, 2));
    }

    @ParameterizedTest
    @EnumSource(DjlRuntime.class)
    void everyInstalledModelReproducesItsPackageSamples(DjlRuntime runtime) throws Exception {
        InstalledEsrgan.slim(runtime);
        int checked = 0;
        for (EsrganModels.Installed m : EsrganModels.installed(EsrganModels.defaultRoot(), runtime)) {
            for (var f : m.files().entrySet()) {
                Path samples = m.folder(f.getKey()).resolve(EsrganModels.SAMPLES);
                Path expected = samples.resolve("result.png");
                if (Files.isRegularFile(expected)) {
                    double psnr = EsrganImporter.verify(runtime, f.getValue(), m.layout(),
                            samples.resolve("fixture.png"), expected, m.rangeMax(), CACHE);
                    System.out.printf("%s x%d on %s: %.1f dB%n", m.id(), f.getKey(), runtime.label(), psnr);
                    assertTrue(psnr >= EsrganImporter.MIN_PSNR, m.id() + " x" + f.getKey() + ": " + psnr + " dB");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 4, "only " + checked + " models had samples");
    }

    @ParameterizedTest
    @EnumSource(DjlRuntime.class)
    void tiledOutputMatchesTheWholeImageRun(DjlRuntime runtime) throws Exception {
        InstalledEsrgan.slim(runtime);
        Raster src = SeededImages.shapes(11, 512, 512, false);
        UpscaleRequest r = new UpscaleRequest(2, UpscalePreset.PRECISE);
        try (Engine e = engine(runtime)) {
            long t0 = System.nanoTime();
            OperationResult tiled = e.run(r, JobInput.of(src), ProgressSink.none(), CancelToken.none());
            long t1 = System.nanoTime();
            tiling(e, new TiledUpscaler.Tiling(512, 0, 0));
            OperationResult whole = e.run(r, JobInput.of(src), ProgressSink.none(), CancelToken.none());
            long t2 = System.nanoTime();
            double psnr = psnr(tiled.image(), whole.image());
            System.out.printf("512² ×2 on %s: tiled %d ms, whole %d ms, %.1f dB%n", runtime.label(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, psnr);
            assertTrue(psnr >= 50, psnr + " dB");
            assertTrue(tiled.notices().get(0).contains("ran on " + runtime.label()), tiled.notices().toString());
        }
    }

    @Test
    void theSameModelInBothFormatsGivesTheSameOutput() throws Exception {
        InstalledEsrgan.slim(DjlRuntime.ONNX_RUNTIME);
        InstalledEsrgan.slim(DjlRuntime.TENSORFLOW);
        Raster src = SeededImages.shapes(5, 200, 150, false);
        UpscaleRequest r = new UpscaleRequest(2, UpscalePreset.PRECISE);
        try (Engine onnx = engine(DjlRuntime.ONNX_RUNTIME); Engine tf = engine(DjlRuntime.TENSORFLOW)) {
            OperationResult a = onnx.run(r, JobInput.of(src), ProgressSink.none(), CancelToken.none());
            OperationResult b = tf.run(r, JobInput.of(src), ProgressSink.none(), CancelToken.none());
            assertEquals(a.notices().get(0).split(" ran on ")[0], b.notices().get(0).split(" ran on ")[0]);
            byte[] x = a.image().toByteArray();
            byte[] y = b.image().toByteArray();
            assertEquals(x.length, y.length);
            int maxDiff = 0;
            for (int i = 0; i < x.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs((x[i] & 255) - (y[i] & 255)));
            }
            double psnr = psnr(a.image(), b.image());
            System.out.printf("ONNX Runtime vs TensorFlow, same weights: max diff %d levels, %.1f dB%n", maxDiff,
                    psnr);
            // the runtimes differ by ~1e-4 in float; after rounding to 8 bits at most one level, rarely
            assertTrue(maxDiff <= 1, "max diff " + maxDiff);
            assertTrue(psnr >= 60, psnr + " dB");
        }
    }

    private static Engine engine(DjlRuntime runtime) {
        EngineContext ctx = new EngineContext(CACHE, THREADS);
        return runtime == DjlRuntime.TENSORFLOW ? new TensorFlowEngine(ctx, EsrganModels.defaultRoot())
                : new OnnxEngine(ctx, EsrganModels.defaultRoot());
    }

    private static void tiling(Engine e, TiledUpscaler.Tiling t) {
        if (e instanceof TensorFlowEngine tf) {
            tf.tiling(t);
        } else {
            ((OnnxEngine) e).tiling(t);
        }
    }

    static double psnr(Raster a, Raster b) {
        byte[] x = a.toByteArray();
        byte[] y = b.toByteArray();
        assertEquals(x.length, y.length);
        double se = 0;
        for (int i = 0; i < x.length; i++) {
            if (i % 4 != 3) {
                double d = (x[i] & 255) - (y[i] & 255);
                se += d * d;
            }
        }
        double mse = se / (x.length * 3 / 4.0);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
    }
}
