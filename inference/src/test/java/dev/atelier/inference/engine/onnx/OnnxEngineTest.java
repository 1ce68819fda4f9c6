package dev.atelier.inference.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.models.esrgan.EsrganImporter;
import dev.atelier.testkit.Requirements;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEngineTest {

    @TempDir
    Path cache;

    static Optional<EsrganModels.Installed> slim() {
        Optional<EsrganModels.Installed> m = EsrganModels.find(EsrganModels.defaultRoot(), "esrgan-slim");
        Requirements.model("esrgan-slim", m.isPresent(), "bin/atelier models install esrgan-slim");
        return m;
    }

    @Test
    void withoutAModelUpscaleIsUnsupportedWithTheInstallHint(@TempDir Path empty) {
        try (OnnxEngine e = new OnnxEngine(new EngineContext(cache, 1), empty)) {
            assertEquals(Optional.of(OnnxEngine.NO_MODEL), e.unsupportedReason(new UpscaleRequest(4,
                    UpscalePreset.PRECISE)));
        }
    }

    @Test
    void presetsAndMissingFactorsPickSensibleModelsAndScales() {
        TreeMap<Integer, Path> x4 = new TreeMap<>(Map.of(4, Path.of("x4.onnx")));
        TreeMap<Integer, Path> all = new TreeMap<>(Map.of(2, Path.of("a"), 4, Path.of("b")));
        var slim = new EsrganModels.Installed("esrgan-slim", all, 255);
        var thick = new EsrganModels.Installed("esrgan-thick", x4, 1);
        assertEquals("esrgan-slim", OnnxEngine.choose(List.of(slim, thick), UpscalePreset.PRECISE).get().id());
        assertEquals("esrgan-thick", OnnxEngine.choose(List.of(slim, thick), UpscalePreset.BALANCED).get().id());
        assertEquals(4, OnnxEngine.scaleFor(thick, 8)); // ×4 then Lanczos ×2
        assertEquals(4, OnnxEngine.scaleFor(thick, 2)); // ×4 then Lanczos down
        assertEquals(2, OnnxEngine.scaleFor(slim, 2));
    }

    @Test
    void everyInstalledModelReproducesItsPackageSamples() throws Exception {
        slim();
        for (EsrganModels.Installed m : EsrganModels.installed(EsrganModels.defaultRoot())) {
            for (var f : m.files().entrySet()) {
                Path samples = f.getValue().resolveSibling(EsrganModels.SAMPLES);
                Path expected = samples.resolve("result.png");
                if (Files.isRegularFile(expected)) {
                    double psnr = EsrganImporter.verify(f.getValue(), samples.resolve("fixture.png"), expected,
                            m.rangeMax());
                    System.out.printf("%s x%d: %.1f dB%n", m.id(), f.getKey(), psnr);
                    assertTrue(psnr >= EsrganImporter.MIN_PSNR, m.id() + " x" + f.getKey() + ": " + psnr + " dB");
                }
            }
        }
    }

    @Test
    void tiledOutputMatchesTheWholeImageRun() throws Exception {
        slim();
        Raster src = SeededImages.shapes(11, 512, 512, false);
        UpscaleRequest r = new UpscaleRequest(2, UpscalePreset.PRECISE);
        try (OnnxEngine e = new OnnxEngine(new EngineContext(cache, Runtime.getRuntime().availableProcessors()),
                EsrganModels.defaultRoot())) {
            long t0 = System.nanoTime();
            OperationResult tiled = e.run(r, JobInput.of(src), ProgressSink.none(), CancelToken.none());
            long t1 = System.nanoTime();
            e.tiling(new TiledUpscaler.Tiling(512, 0, 0));
            OperationResult whole = e.run(r, JobInput.of(src), ProgressSink.none(), CancelToken.none());
            long t2 = System.nanoTime();
            double psnr = psnr(tiled.image(), whole.image());
            System.out.printf("512² ×2 slim: tiled %d ms, whole %d ms, %.1f dB%n", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, psnr);
            assertTrue(psnr >= 50, psnr + " dB");
            assertTrue(tiled.notices().get(0).contains("esrgan"), tiled.notices().toString());
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
