package dev.atelier.inference.models.esrgan;

import dev.atelier.inference.models.ModelCatalogue;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelImporter;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.NpmPack;
import java.util.function.Consumer;
import dev.atelier.core.error.AtelierException;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlModel;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.esrgan.EsrganModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The {@code tfjs-esrgan} importer behind {@code atelier models install esrgan-slim|esrgan-medium|esrgan-thick}:
 * {@code npm pack <package>@<version>} into the store's scratch folder, converts every scale to ONNX and to a
 * SavedModel, checks each on its own runtime against the package's {@code assets/samples/<s>x/result.png} (from
 * {@code assets/fixture.png}, at least {@link #MIN_PSNR} dB) and stages two models per scale, {@code <id>-x<s>}
 * and {@code <id>-x<s>-savedmodel} (each with the fixture and sample, so the installed files can be re-checked
 * later). The store installs each atomically.
 */
public final class EsrganImporter implements ModelImporter {

    public static final double MIN_PSNR = 90.0;
    private static final Pattern SCALE_DIR = Pattern.compile("x(\\d+)");

    @Override
    public String id() {
        return "tfjs-esrgan";
    }

    @Override
    public List<Staged> prepare(ModelCatalogue.Entry entry, Path scratch, Consumer<String> progress)
            throws IOException, ModelException {
        if (!EsrganModels.IDS.contains(entry.id())) {
            throw new ModelException("the tfjs-esrgan importer does not know " + entry.id());
        }
        progress.accept("npm pack " + entry.npm() + "@" + entry.version());
        Path pkg = NpmPack.fetch(entry.npm() + "@" + entry.version(), Files.createDirectories(scratch.resolve("npm")));
        return importPackage(pkg, scratch, entry.id(), "npm:" + entry.npm() + "@" + entry.version(), entry.licence(),
                progress);
    }

    /**
     * Converts an unpacked package folder into {@code out}: per scale, {@code <id>-x<s>/} (model.onnx) and
     * {@code <id>-x<s>-savedmodel/} (savedmodel/), each with samples/, each checked against the package's sample on
     * the runtime that will run it. Returns the staged models.
     */
    public static List<Staged> importPackage(Path pkg, Path out, String id, String source, String licence,
            Consumer<String> progress) throws IOException, ModelException {
        List<Integer> scales = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(pkg.resolve("models"))) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                Matcher m = SCALE_DIR.matcher(d.getFileName().toString());
                if (m.matches() && Files.isRegularFile(d.resolve("model.json"))) {
                    scales.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        if (scales.isEmpty()) {
            throw new ModelException(pkg + " holds no models/x<N>/model.json");
        }
        scales.sort(Comparator.naturalOrder());
        Path cache = EngineContext.defaultCacheDir();
        List<Staged> staged = new ArrayList<>();
        for (int s : scales) {
            Path json = pkg.resolve("models/x" + s + "/model.json");
            String text = Files.readString(json);
            float max = text.contains("MultiplyBeta") || text.contains("PixelShuffle") ? 1f : 255f; // RRDN: 0..1
            for (DjlRuntime runtime : DjlRuntime.values()) {
                String storeId = EsrganModels.storeId(id, s, runtime);
                Path dir = Files.createDirectories(out.resolve(storeId));
                long t0 = System.nanoTime();
                Path model;
                if (runtime == DjlRuntime.TENSORFLOW) {
                    startTensorFlow(cache); // TF Java's ops need the natives loaded
                    model = dir.resolve(EsrganModels.SAVED_MODEL_DIR);
                    TfjsToSavedModel.convert(json, model);
                } else {
                    model = dir.resolve(EsrganModels.ONNX_FILE);
                    Files.write(model, TfjsToOnnx.convert(json));
                }
                long t1 = System.nanoTime();
                String layout = runtime == DjlRuntime.TENSORFLOW ? "NHWC" : "NCHW";
                Path sample = pkg.resolve("assets/samples/" + s + "x/result.png");
                String what = String.format("%s x%d (%s)", id, s, runtime.label());
                if (Files.isRegularFile(sample)) {
                    double p = verify(runtime, model, layout, pkg.resolve("assets/fixture.png"), sample, max, cache);
                    progress.accept(String.format("%s: converted in %d ms, %.1f dB PSNR vs the package's result.png"
                            + " (%d ms)", what, (t1 - t0) / 1_000_000, p, (System.nanoTime() - t1) / 1_000_000));
                    if (p < MIN_PSNR) {
                        throw new ModelException(what + " does not reproduce the package's sample: "
                                + String.format("%.1f", p) + " dB < " + MIN_PSNR + " dB");
                    }
                    Path samples = Files.createDirectories(dir.resolve(EsrganModels.SAMPLES));
                    Files.copy(pkg.resolve("assets/fixture.png"), samples.resolve("fixture.png"));
                    Files.copy(sample, samples.resolve("result.png"));
                } else {
                    progress.accept(String.format("%s: converted in %d ms (no sample to check against)", what,
                            (t1 - t0) / 1_000_000));
                }
                String format = runtime == DjlRuntime.TENSORFLOW ? "savedmodel" : "onnx";
                staged.add(new Staged(new ModelManifest(storeId, "upscale", format, runtime.engineId(), List.of(),
                        licence, source, new ModelManifest.Input(max == 1f ? "0..1" : "0..255", layout, s)), dir));
            }
        }
        return staged;
    }

    private static void startTensorFlow(Path cache) throws IOException {
        try {
            DjlEngines.start(DjlRuntime.TENSORFLOW, cache);
        } catch (AtelierException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Runs {@code model} on {@code runtime} over the whole fixture and returns the RGB PSNR against
     * {@code expected}, comparing the 8-bit image the engine would deliver (the sample is a rounded PNG too).
     */
    public static double verify(DjlRuntime runtime, Path model, String layout, Path fixture, Path expected,
            float rangeMax, Path cacheDir) throws IOException {
        BufferedImage in = ImageIO.read(fixture.toFile());
        BufferedImage ref = ImageIO.read(expected.toFile());
        int w = in.getWidth();
        int h = in.getHeight();
        boolean nhwc = layout.equals("NHWC");
        float[] x = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                int rgb = in.getRGB(xx, y);
                for (int c = 0; c < 3; c++) {
                    int i = nhwc ? (y * w + xx) * 3 + c : (c * h + y) * w + xx;
                    x[i] = ((rgb >> (16 - 8 * c)) & 255) * rangeMax / 255f;
                }
            }
        }
        DjlModel.Output out;
        try (DjlModel m = DjlModel.load(DjlEngines.start(runtime, cacheDir), model, 2)) {
            out = nhwc ? m.run(x, 1, h, w, 3) : m.run(x, 1, 3, h, w);
        } catch (AtelierException e) {
            throw new IOException(e.getMessage(), e);
        }
        long[] shape = out.shape();
        int oh = (int) (nhwc ? shape[1] : shape[2]);
        int ow = (int) (nhwc ? shape[2] : shape[3]);
        if (ow != ref.getWidth() || oh != ref.getHeight()) {
            throw new IOException("output " + ow + "x" + oh + " but the sample is " + ref.getWidth() + "x"
                    + ref.getHeight());
        }
        float[] v = out.values();
        double se = 0;
        for (int y = 0; y < oh; y++) {
            for (int xx = 0; xx < ow; xx++) {
                int rgb = ref.getRGB(xx, y);
                for (int c = 0; c < 3; c++) {
                    int i = nhwc ? (y * ow + xx) * 3 + c : (c * oh + y) * ow + xx;
                    double d = Math.max(0, Math.min(255, Math.round(v[i] * 255.0 / rangeMax)))
                            - ((rgb >> (16 - 8 * c)) & 255);
                    se += d * d;
                }
            }
        }
        double mse = se / (3.0 * ow * oh);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
