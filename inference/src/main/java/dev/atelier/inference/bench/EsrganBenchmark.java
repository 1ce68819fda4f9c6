package dev.atelier.inference.bench;

import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlModel;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.esrgan.EsrganModels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ESRGAN figures, side by side in one run on the same fixture (the 128² {@code samples/fixture.png} every
 * UpscalerJS package ships) and the same weights:
 * <ol>
 * <li>first-job latency including engine start: a fresh daemon process per engine, given a store holding only
 * esrgan-slim x2 in that engine's format (so routing has one choice), times submit → result of its first job and of
 * its second (warm) one; the difference is engine start plus model load;</li>
 * <li>ONNX Runtime vs TensorFlow in this process: {@link DjlModel} on the whole fixture, median after a warm-up;</li>
 * <li>the daemon vs UpscalerJS: the original TFJS model run by pure-JS TensorFlow.js in Node
 * ({@link UpscalerJs}), against the warm daemon job, with the PSNR between both outputs.</li>
 * </ol>
 */
public final class EsrganBenchmark {

    /** Starts a fresh daemon process that uses model store {@code store}, on {@code socket}; returns once ready. */
    @FunctionalInterface
    public interface DaemonSpawner {
        DaemonClient spawn(Path store, Path socket) throws AtelierException;
    }

    /**
     * What to run: the model store, Atelier's cache folder (engine natives, the Node setup), timed runs for Java
     * and for Node (which is ~100× slower), and whether to include esrgan-thick x4 (seconds per run here).
     */
    public record Settings(Path store, Path cacheDir, int runs, int nodeRuns, boolean thick) {}

    /** One engine's daemon: spawn → ready, first and second job (submit → result), warm median. */
    public record FirstJob(String engine, double readySec, double firstSec, double secondSec, double warmSec,
            int warmRuns, String notice) {}

    /** One model in this process on both runtimes: load and median predict, and the largest output difference. */
    public record EngineRow(String model, int scale, double ortLoadSec, double ortSec, double tfLoadSec, double tfSec,
            double maxAbsDiff) {}

    /** UpscalerJS in Node against the warm daemon job on the same model and fixture. */
    public record NodeRow(UpscalerJs.Figures node, double daemonSec, double psnrDb) {}

    /** All figures of a run, and one line per part that was skipped. */
    public record Result(List<FirstJob> firstJobs, List<EngineRow> engines, Optional<NodeRow> node,
            List<String> skipped) {}

    static final String FAMILY = "esrgan-slim";
    static final int SCALE = 2;
    private static final String INSTALL_HINT = "bin/atelier models install esrgan-slim esrgan-medium";

    private EsrganBenchmark() {}

    /** Runs every part whose models and tools are present, printing as it goes; {@code dir} is a scratch folder. */
    public static Result run(PrintStream out, Settings s, DaemonSpawner daemons, Path dir)
            throws IOException, InterruptedException {
        out.printf("ESRGAN benchmark: model store %s, %d cores%n", s.store(),
                Runtime.getRuntime().availableProcessors());
        List<String> skipped = new ArrayList<>();
        Optional<Path> fixtureFile = fixture(s.store());
        if (fixtureFile.isEmpty()) {
            skip(out, skipped, "all ESRGAN figures: no ESRGAN model in " + s.store() + " (" + INSTALL_HINT
                    + ", or set ATELIER_MODELS to a store that has them)");
            nodeSetupLine(out, s, skipped);
            return new Result(List.of(), List.of(), Optional.empty(), List.copyOf(skipped));
        }
        Raster fixture = Png.read(fixtureFile.get(), 1 << 20);
        out.printf("fixture %dx%d (%s), esrgan-slim x2 with preset Precise for the daemon jobs%n", fixture.width(),
                fixture.height(), fixtureFile.get());

        out.println();
        out.println("First job through a fresh daemon, engine start included (store holding only esrgan-slim x2 in"
                + " that engine's format)");
        List<FirstJob> firstJobs = new ArrayList<>();
        Raster[] daemonOutput = new Raster[1];
        for (DjlRuntime rt : DjlRuntime.values()) {
            String id = EsrganModels.storeId(FAMILY, SCALE, rt);
            if (EsrganModels.find(s.store(), FAMILY, rt).map(m -> m.files().containsKey(SCALE)).orElse(false)) {
                try {
                    firstJobs.add(firstJob(rt, id, fixture, s, daemons, dir, rt == DjlRuntime.ONNX_RUNTIME
                            ? daemonOutput : new Raster[1]));
                } catch (AtelierException e) {
                    skip(out, skipped, rt.label() + " daemon: " + e.getMessage());
                }
            } else {
                skip(out, skipped, rt.label() + " daemon: " + id + " is not in " + s.store() + " (" + INSTALL_HINT
                        + ")");
            }
        }
        printFirstJobs(out, firstJobs);

        out.println();
        out.printf("ONNX Runtime vs TensorFlow in this process (DjlModel on the whole fixture, %d thread(s), 1 warm-up,"
                + " median of %d)%n", Runtime.getRuntime().availableProcessors(), s.runs());
        List<EngineRow> engines = new ArrayList<>();
        List<String> models = new ArrayList<>(List.of("esrgan-slim:2", "esrgan-medium:4"));
        if (s.thick()) {
            models.add("esrgan-thick:4");
        }
        for (String m : models) {
            String family = m.substring(0, m.indexOf(':'));
            int scale = Integer.parseInt(m.substring(m.indexOf(':') + 1));
            try {
                inProcess(s, family, scale, fixture, s.runs()).ifPresentOrElse(engines::add, () -> skip(out, skipped,
                        family + " x" + scale + " in-process: not installed for both engines in " + s.store() + " ("
                                + INSTALL_HINT + ")"));
            } catch (AtelierException e) {
                skip(out, skipped, family + " x" + scale + " in-process: " + e.getMessage());
            }
        }
        printEngines(out, engines, s.thick());

        out.println();
        out.printf("Daemon vs UpscalerJS in Node: esrgan-slim x2 on the fixture (Node: 1 warm-up + %d timed predict(s),"
                + " --runs N to change)%n", s.nodeRuns());
        Optional<NodeRow> node = Optional.empty();
        Optional<FirstJob> ort = firstJobs.stream().filter(f -> f.engine().equals(DjlRuntime.ONNX_RUNTIME.label()))
                .findFirst();
        try {
            UpscalerJs.Setup setup = UpscalerJs.locate(s.cacheDir(), FAMILY, SCALE);
            if (ort.isEmpty()) {
                skip(out, skipped, "UpscalerJS comparison: needs the ONNX Runtime daemon figures above");
            } else {
                node = Optional.of(node(out, setup, fixture, ort.get(), daemonOutput[0], engines, s, dir));
            }
        } catch (UpscalerJs.SetupMissing e) {
            skip(out, skipped, "UpscalerJS in Node: " + e.getMessage());
        } catch (IOException e) {
            skip(out, skipped, "UpscalerJS in Node failed: " + e.getMessage());
        }
        return new Result(List.copyOf(firstJobs), List.copyOf(engines), node, List.copyOf(skipped));
    }

    /** Any installed ESRGAN model's fixture: every package ships the same 128² image. */
    static Optional<Path> fixture(Path store) {
        for (DjlRuntime rt : DjlRuntime.values()) {
            for (EsrganModels.Installed m : EsrganModels.installed(store, rt)) {
                for (int scale : m.files().keySet()) {
                    Path f = m.folder(scale).resolve(EsrganModels.SAMPLES).resolve("fixture.png");
                    if (Files.isRegularFile(f)) {
                        return Optional.of(f);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static FirstJob firstJob(DjlRuntime rt, String id, Raster fixture, Settings s, DaemonSpawner daemons,
            Path dir, Raster[] output) throws IOException, AtelierException {
        Submission job = Submission.builder().setOperation("upscale").setImage(fixture).optParam("factor", SCALE)
                .optParam("preset", "precise").build();
        try (ModelSubset subset = ModelSubset.of(s.store(), List.of(id), dir)) {
            long t0 = System.nanoTime();
            try (DaemonClient client = daemons.spawn(subset.root(), dir.resolve(rt.engineId() + ".sock"))) {
                try {
                    double ready = (System.nanoTime() - t0) / 1e9;
                    long t1 = System.nanoTime();
                    OperationResult first = client.submit(job, null).await();
                    double firstSec = (System.nanoTime() - t1) / 1e9;
                    double[] warm = new double[1 + s.runs()];
                    for (int i = 0; i < warm.length; i++) {
                        long t = System.nanoTime();
                        output[0] = client.submit(job, null).await().image();
                        warm[i] = (System.nanoTime() - t) / 1e9;
                    }
                    String notice = first.notices().stream().filter(n -> n.contains("ran on")).findFirst()
                            .orElse(String.join("; ", first.notices()));
                    return new FirstJob(rt.label(), ready, firstSec, warm[0], BenchFigures.median(
                            Arrays.copyOfRange(warm, 1, warm.length)), s.runs(), notice);
                } finally {
                    client.shutdown();
                }
            }
        }
    }

    private static void printFirstJobs(PrintStream out, List<FirstJob> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.printf("  %-14s %12s %10s %10s %12s %12s %12s%n", "engine", "spawn->ready", "1st job", "2nd job",
                "warm median", "1st - 2nd", "1st - warm");
        for (FirstJob f : rows) {
            out.printf("  %-14s %10.3f s %8.3f s %8.3f s %10.3f s %10.3f s %10.3f s%n", f.engine(), f.readySec(),
                    f.firstSec(), f.secondSec(), f.warmSec(), f.firstSec() - f.secondSec(), f.firstSec() - f.warmSec());
        }
        for (FirstJob f : rows) {
            out.printf("  %s: %s (warm median of %d jobs after the 2nd)%n", f.engine(), f.notice(), f.warmRuns());
        }
        out.println("  (jobs: submit -> result over the socket: pixels up, tiling, model, pixels back. 1st - warm is"
                + " engine start + model load + the runtime's first-run costs, which the 2nd job may still pay)");
    }

    private static Optional<EngineRow> inProcess(Settings s, String family, int scale, Raster fixture, int runs)
            throws AtelierException {
        Optional<EsrganModels.Installed> onnx = EsrganModels.find(s.store(), family, DjlRuntime.ONNX_RUNTIME);
        Optional<EsrganModels.Installed> tf = EsrganModels.find(s.store(), family, DjlRuntime.TENSORFLOW);
        if (onnx.isEmpty() || tf.isEmpty() || !onnx.get().files().containsKey(scale)
                || !tf.get().files().containsKey(scale)) {
            return Optional.empty();
        }
        int w = fixture.width();
        int h = fixture.height();
        float k = onnx.get().rangeMax() / 255f;
        float[] chw = new float[3 * w * h];
        float[] hwc = new float[3 * w * h];
        fill(fixture, k, chw, hwc);
        int threads = Runtime.getRuntime().availableProcessors();
        Timed ort = timeModel(DjlRuntime.ONNX_RUNTIME, onnx.get().files().get(scale), s, threads, runs, chw, 1, 3,
                h, w);
        Timed tfs = timeModel(DjlRuntime.TENSORFLOW, tf.get().files().get(scale), s, threads, runs, hwc, 1, h, w, 3);
        float[] ortOut = ort.output();
        float[] tfOut = tfs.output();
        int n = ortOut.length / 3; // ORT: planar; TF: interleaved
        double diff = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                diff = Math.max(diff, Math.abs(ortOut[c * n + i] - tfOut[3 * i + c]));
            }
        }
        return Optional.of(new EngineRow(family, scale, ort.loadSec(), ort.medianSec(), tfs.loadSec(),
                tfs.medianSec(), diff));
    }

    /** One model's load (engine start excluded) and median predict, with its output for the difference check. */
    private record Timed(double loadSec, double medianSec, float[] output) {}

    private static Timed timeModel(DjlRuntime rt, Path model, Settings s, int threads, int runs, float[] input,
            long... shape) throws AtelierException {
        DjlEngines.Started engine = DjlEngines.start(rt, s.cacheDir());
        long t0 = System.nanoTime();
        try (DjlModel m = DjlModel.load(engine, model, threads)) {
            double load = (System.nanoTime() - t0) / 1e9;
            float[] output = m.run(input, shape).values(); // warm-up
            double[] t = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t1 = System.nanoTime();
                m.run(input, shape);
                t[i] = (System.nanoTime() - t1) / 1e9;
            }
            return new Timed(load, BenchFigures.median(t), output);
        }
    }

    private static void fill(Raster img, float k, float[] chw, float[] hwc) {
        int n = img.width() * img.height();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int i = y * img.width() + x;
                for (int c = 0; c < 3; c++) {
                    float v = img.get(x, y, c) * k;
                    chw[c * n + i] = v;
                    hwc[3 * i + c] = v;
                }
            }
        }
    }

    private static void printEngines(PrintStream out, List<EngineRow> rows, boolean thick) {
        if (!rows.isEmpty()) {
            out.printf("  %-16s %10s %12s %10s %12s %22s %12s%n", "model", "ORT load", "ORT predict", "TF load",
                    "TF predict", "ORT vs TF", "max |diff|");
            for (EngineRow r : rows) {
                out.printf("  %-16s %8.3f s %10.3f s %8.3f s %10.3f s %22s %12.2e%n", r.model() + " x" + r.scale(),
                        r.ortLoadSec(), r.ortSec(), r.tfLoadSec(), r.tfSec(), "ORT " + BenchFigures.speed(r.ortSec(),
                                r.tfSec()), r.maxAbsDiff());
            }
            out.println("  (load excludes engine start; max |diff| between the two engines' outputs, in the model's"
                    + " value range)");
        }
        if (!thick) {
            out.println("  esrgan-thick x4 not run (seconds per predict here); add --with-thick to include it");
        }
    }

    private static NodeRow node(PrintStream out, UpscalerJs.Setup setup, Raster fixture, FirstJob daemon,
            Raster daemonOutput, List<EngineRow> engines, Settings s, Path dir)
            throws IOException, InterruptedException {
        int w = fixture.width();
        int h = fixture.height();
        float[] hwc = new float[3 * w * h];
        fill(fixture, 1f, new float[hwc.length], hwc); // esrgan-slim takes 0..255
        Path result = dir.resolve("upscalerjs-out.bin");
        out.printf("  running %s in node (about 20 s per predict on 2 cores)...%n", setup.modelJson(FAMILY, SCALE));
        UpscalerJs.Figures f = UpscalerJs.run(setup, setup.modelJson(FAMILY, SCALE), hwc, w, h, s.nodeRuns(), dir,
                result);
        double psnr = BenchFigures.psnr(daemonOutput, UpscalerJs.readFloats(result), 255f);
        double nodeSec = f.medianPredictMs() / 1e3;
        out.printf("  UpscalerJS: @tensorflow/tfjs %s, %s backend, node %s; model load %.3f s, first predict"
                + " %.3f s%n", f.tfjsVersion(), f.backend(), f.nodeVersion(), f.loadMs() / 1e3,
                f.firstPredictMs() / 1e3);
        out.printf("  %-46s %9.3f s%n", "UpscalerJS predict in Node, median of " + f.timedRuns(), nodeSec);
        out.printf("  %-46s %9.3f s%n", "daemon job over the socket, warm median of " + daemon.warmRuns(),
                daemon.warmSec());
        engines.stream().filter(r -> r.model().equals(FAMILY) && r.scale() == SCALE).findFirst().ifPresent(r -> out
                .printf("  %-46s %9.3f s   (%s than UpscalerJS)%n", "ONNX Runtime predict in-process (from above)",
                        r.ortSec(), BenchFigures.speed(r.ortSec(), nodeSec)));
        out.printf("  speed ratio: the daemon job is %s than UpscalerJS's predict%n",
                BenchFigures.speed(daemon.warmSec(), nodeSec));
        out.printf("  PSNR of Node's output vs the daemon's (RGB, 8-bit): %.1f dB   goal >= 60 dB: %s%n", psnr,
                psnr >= 60 ? "met" : "NOT met");
        out.println("  (Node's times are predict only; the daemon's include the socket round trip and tiling;"
                + " tfjs's CPU backend runs on one thread, ORT on " + Runtime.getRuntime().availableProcessors() + ")");
        return new NodeRow(f, daemon.warmSec(), psnr);
    }

    private static void nodeSetupLine(PrintStream out, Settings s, List<String> skipped) {
        try {
            UpscalerJs.locate(s.cacheDir(), FAMILY, SCALE);
        } catch (UpscalerJs.SetupMissing e) {
            skip(out, skipped, "UpscalerJS in Node: " + e.getMessage());
        }
    }

    private static void skip(PrintStream out, List<String> skipped, String line) {
        String s = "skipped: " + line;
        skipped.add(s);
        out.println(s);
    }
}
