package dev.atelier.inference.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an UpscalerJS model (the original TFJS layers model) in Node with pure-JS TensorFlow.js, through our own
 * script {@code upscalerjs-bench.mjs} (a resource of this jar, written to a temporary file). Node and the npm
 * packages are set up once by {@code bench/setup-upscalerjs.sh} in {@code <cache>/bench-node}; nothing is
 * downloaded from here.
 */
public final class UpscalerJs {

    /** Where the setup script installs the Node packages, under Atelier's cache folder. */
    public static final String PREFIX_DIR = "bench-node";
    /** How to set it up, for the skip line. */
    public static final String SETUP_HINT = "run bench/setup-upscalerjs.sh (npm-installs @tensorflow/tfjs@4.22.0 and "
            + "the @upscalerjs model packages)";

    private static final String SCRIPT = "upscalerjs-bench.mjs";

    /** A usable setup: the node binary and the npm prefix holding tfjs and the model packages. */
    public record Setup(String node, Path prefix) {

        /** The original model.json of {@code family} (e.g. esrgan-slim) at {@code scale}. */
        public Path modelJson(String family, int scale) {
            return prefix.resolve("node_modules/@upscalerjs").resolve(family).resolve("models/x" + scale)
                    .resolve("model.json");
        }
    }

    /** Node's figures for one model: load, the first (warm-up) predict and the median of the timed predicts. */
    public record Figures(String tfjsVersion, String backend, String nodeVersion, double loadMs,
            double firstPredictMs, double medianPredictMs, int timedRuns) {}

    private UpscalerJs() {}

    /** Finds the setup under {@code cacheDir}; otherwise returns why not, as one line for the output. */
    public static Setup locate(Path cacheDir, String family, int scale) throws SetupMissing {
        Path prefix = cacheDir.resolve(PREFIX_DIR);
        if (!Files.isRegularFile(prefix.resolve("node_modules/@tensorflow/tfjs/package.json"))) {
            throw new SetupMissing("@tensorflow/tfjs is not installed in " + prefix + "; " + SETUP_HINT);
        }
        Setup s = new Setup("node", prefix);
        if (!Files.isRegularFile(s.modelJson(family, scale))) {
            throw new SetupMissing(s.modelJson(family, scale) + " is missing; " + SETUP_HINT);
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new SetupMissing("'node --version' failed; install Node.js 18 or later");
            }
        } catch (IOException e) {
            throw new SetupMissing("node is not on the PATH; install Node.js 18 or later, then " + SETUP_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupMissing("interrupted while looking for node");
        }
        return s;
    }

    /** Why Node cannot run, in one line. */
    public static final class SetupMissing extends Exception {
        public SetupMissing(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code model} on {@code hwc} (interleaved RGB floats, the model's value range): one warm-up predict,
     * then {@code runs} timed ones. Returns the figures and writes the warm-up's output (floats, HWC) to {@code out}.
     */
    public static Figures run(Setup setup, Path model, float[] hwc, int width, int height, int runs, Path dir,
            Path out) throws IOException, InterruptedException {
        Path script = dir.resolve(SCRIPT);
        try (InputStream in = UpscalerJs.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is missing from the class path");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path input = dir.resolve("upscalerjs-in.bin");
        writeFloats(hwc, input);
        Path log = dir.resolve("upscalerjs.log");
        Process p = new ProcessBuilder(List.of(setup.node(), script.toString(), setup.prefix().toString(),
                model.toString(), input.toString(), Integer.toString(width), Integer.toString(height), out.toString(),
                Integer.toString(runs))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("node did not finish in 30 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("node failed (exit " + p.exitValue() + "): " + output.strip());
        }
        return parse(output);
    }

    /** Reads the script's JSON line (the last line that is a JSON object; tfjs prints a banner too). */
    public static Figures parse(String output) throws IOException {
        List<String> lines = output.lines().map(String::strip).filter(l -> l.startsWith("{")).toList();
        if (lines.isEmpty()) {
            throw new IOException("no JSON line in node's output: " + output.strip());
        }
        try {
            JsonObject o = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
            JsonArray timed = o.getAsJsonArray("predictMs");
            return new Figures(o.get("tfjs").getAsString(), o.get("backend").getAsString(),
                    o.get("node").getAsString(), o.get("loadMs").getAsDouble(), o.get("firstPredictMs").getAsDouble(),
                    o.get("medianPredictMs").getAsDouble(), timed == null ? 0 : timed.size());
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IOException("cannot read node's figures: " + e.getMessage(), e);
        }
    }

    /** Reads little-endian float32 values (the script's output). */
    public static float[] readFloats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    static void writeFloats(float[] v, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(file, b.array());
    }
}
