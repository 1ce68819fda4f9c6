package dev.atelier.inference.models.esrgan;

import dev.atelier.inference.models.ModelCatalogue;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelImporter;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.NpmPack;
import java.util.function.Consumer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.atelier.inference.engine.onnx.EsrganModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The {@code tfjs-esrgan} importer behind {@code atelier models install esrgan-slim|esrgan-medium|esrgan-thick}:
 * {@code npm pack <package>@<version>} into the store's scratch folder, converts every scale to ONNX, checks each
 * against the package's own {@code assets/samples/<s>x/result.png} (from {@code assets/fixture.png}, at least
 * {@link #MIN_PSNR} dB) and stages one model per scale, {@code <id>-x<s>} (model.onnx plus the fixture and
 * sample, so the installed files can be re-checked later). The store installs each atomically.
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
     * Converts an unpacked package folder into {@code out}/{@code <id>-x<s>}/ (model.onnx, samples/) and returns
     * the staged models, each checked against its sample.
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
        List<Staged> staged = new ArrayList<>();
        for (int s : scales) {
            Path json = pkg.resolve("models/x" + s + "/model.json");
            String text = Files.readString(json);
            float max = text.contains("MultiplyBeta") || text.contains("PixelShuffle") ? 1f : 255f; // RRDN: 0..1
            long t0 = System.nanoTime();
            byte[] onnx = TfjsToOnnx.convert(json);
            Path dir = Files.createDirectories(out.resolve(id + "-x" + s));
            Path file = dir.resolve(EsrganModels.MODEL_FILE);
            Files.write(file, onnx);
            long t1 = System.nanoTime();
            Path sample = pkg.resolve("assets/samples/" + s + "x/result.png");
            if (Files.isRegularFile(sample)) {
                double p = verify(file, pkg.resolve("assets/fixture.png"), sample, max);
                progress.accept(String.format("%s x%d: converted in %d ms, %.1f dB PSNR vs the package's result.png"
                        + " (%d ms)", id, s, (t1 - t0) / 1_000_000, p, (System.nanoTime() - t1) / 1_000_000));
                if (p < MIN_PSNR) {
                    throw new ModelException(id + " x" + s + " does not reproduce the package's sample: "
                            + String.format("%.1f", p) + " dB < " + MIN_PSNR + " dB");
                }
                Path samples = Files.createDirectories(dir.resolve(EsrganModels.SAMPLES));
                Files.copy(pkg.resolve("assets/fixture.png"), samples.resolve("fixture.png"));
                Files.copy(sample, samples.resolve("result.png"));
            } else {
                progress.accept(String.format("%s x%d: converted in %d ms (no sample to check against)", id, s,
                        (t1 - t0) / 1_000_000));
            }
            staged.add(new Staged(new ModelManifest(id + "-x" + s, "upscale", "onnx", "onnx", List.of(), licence,
                    source, new ModelManifest.Input(max == 1f ? "0..1" : "0..255", "NCHW", s)), dir));
        }
        return staged;
    }

    /** Runs {@code model} on the whole fixture and returns the RGB PSNR against {@code expected}. */
    public static double verify(Path model, Path fixture, Path expected, float rangeMax) throws IOException {
        BufferedImage in = ImageIO.read(fixture.toFile());
        BufferedImage ref = ImageIO.read(expected.toFile());
        int w = in.getWidth();
        int h = in.getHeight();
        float[] chw = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = in.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    chw[(c * h + y) * w + x] = ((rgb >> (16 - 8 * c)) & 255) * rangeMax / 255f;
                }
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(model.toString(), opts);
                OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(chw), new long[] {1, 3, h, w});
                OrtSession.Result r = s.run(Map.of("input", t))) {
            long[] shape = ((OnnxTensor) r.get(0)).getInfo().getShape();
            int oh = (int) shape[2];
            int ow = (int) shape[3];
            if (ow != ref.getWidth() || oh != ref.getHeight()) {
                throw new IOException("output " + ow + "x" + oh + " but the sample is " + ref.getWidth() + "x"
                        + ref.getHeight());
            }
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            double se = 0;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int rgb = ref.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        // compared as the 8-bit image the engine delivers (the sample is a rounded PNG too)
                        double v = Math.max(0, Math.min(255,
                                Math.round(out.get((c * oh + y) * ow + x) * 255.0 / rangeMax)));
                        double d = v - ((rgb >> (16 - 8 * c)) & 255);
                        se += d * d;
                    }
                }
            }
            double mse = se / (3.0 * ow * oh);
            return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot run " + model + ": " + e.getMessage(), e);
        }
    }
}
