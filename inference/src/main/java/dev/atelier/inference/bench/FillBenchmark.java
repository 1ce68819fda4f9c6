package dev.atelier.inference.bench;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Content-aware fill of a 10 % hole in a 1-megapixel image (1024x1024), ours on 2 threads against Resynthesizer's
 * "Heal selection" (GIMP 2.10, {@code plug-in-heal-selection}) on the same images and hole, with the error inside
 * the hole for both (RMSE over RGB against the original) and the mean-colour and blur fills for scale.
 *
 * <p>What is timed: ours, a whole Retouch through the classical engine (plan, fill, compositing; grow, feather and
 * blend 0 so exactly the hole is repainted, as Heal selection does), median of the runs after a warm-up. Heal
 * selection: a headless GIMP batch that loads the PNG, selects the hole, heals and saves, minus the same batch
 * without the heal (GIMP's start and PNG coding cancel out); its sampling radius is set to our search reach (the
 * hole's longer side) so both look at the same surroundings.
 */
public final class FillBenchmark {

    public static final int SIZE = 1024;
    public static final double HOLE = 0.10;
    /** Goal: one fill in at most this many seconds on 2 cores. */
    public static final double GOAL_SECONDS = 3.0;

    /** Figures for one image; Resynthesizer's are NaN when it did not run. */
    public record Row(String image, double ourSeconds, double ourRmse, double meanRmse, double blurRmse,
            double healSeconds, double healRmse) {}

    private FillBenchmark() {}

    public static void main(String[] args) throws Exception {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 3, SIZE);
    }

    /** Runs the benchmark at {@code size}x{@code size}, printing a table; returns the rows. */
    public static List<Row> run(PrintStream out, int runs, int size) throws IOException, InterruptedException,
            AtelierException {
        out.printf("Content-aware fill: %dx%d, %.0f %% hole in the middle, ours on 2 threads (median of %d)%n",
                size, size, HOLE * 100, runs);
        Optional<String> heal = resynthesizer();
        if (heal.isPresent()) {
            out.println("  Resynthesizer: " + heal.get());
        } else {
            out.println("  Resynthesizer's heal selection is not installed (plug-in-heal-selection not found; "
                    + "Debian: apt-get install gimp-plugin-registry, if your release still ships it): ours only");
        }
        Mask hole = FillImages.centreHole(size, size, HOLE);
        Bounds b = hole.nonZeroBounds();
        RetouchRequest request = new RetouchRequest(new Generation("", "", 25, 7, -1, 1), 0, 0, 6, 0);
        List<Row> rows = new ArrayList<>();
        Path dir = Files.createTempDirectory("atelier-fill-bench");
        try (Engine engine = new ClassicalEngineProvider().create(new EngineContext(dir, 2))) {
            Raster warm = FillImages.texture(size / 2, size / 2);
            engine.run(request, new JobInput(warm, Optional.of(FillImages.centreHole(size / 2, size / 2, HOLE))),
                    ProgressSink.none(), CancelToken.none());
            out.printf("  %-12s %9s %9s %9s %9s %11s %9s %7s%n", "image", "ours s", "ours err", "mean err",
                    "blur err", "heal s", "heal err", "ratio");
            for (String name : FillImages.NAMES) {
                Raster image = FillImages.byName(name, size, size);
                double[] t = new double[runs];
                Raster filled = null;
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    OperationResult r = engine.run(request, new JobInput(image, Optional.of(hole)),
                            ProgressSink.none(), CancelToken.none());
                    t[i] = (System.nanoTime() - t0) / 1e9;
                    filled = paste(image, r);
                }
                double ours = median(t);
                double err = FillBaselines.holeRmse(image, filled, hole);
                double mean = FillBaselines.holeRmse(image, FillBaselines.meanFill(image, hole), hole);
                double blur = FillBaselines.holeRmse(image, FillBaselines.blurFill(image, hole), hole);
                double healS = Double.NaN;
                double healE = Double.NaN;
                if (heal.isPresent()) {
                    Path in = dir.resolve(name + ".png");
                    Png.write(image, in);
                    Path healed = dir.resolve(name + "-healed.png");
                    double with = gimp(dir, script(in, healed, b, true, Math.max(b.width(), b.height())));
                    double without = gimp(dir, script(in, dir.resolve(name + "-plain.png"), b, false, 0));
                    if (Files.isRegularFile(healed)) {
                        healS = Math.max(0, with - without);
                        healE = FillBaselines.holeRmse(image, Png.read(Files.readAllBytes(healed), Long.MAX_VALUE),
                                hole);
                    }
                }
                out.printf("  %-12s %9.2f %9.2f %9.2f %9.2f %11s %9s %7s%n", name, ours, err, mean, blur,
                        Double.isNaN(healS) ? "-" : String.format("%.2f", healS),
                        Double.isNaN(healE) ? "-" : String.format("%.2f", healE),
                        Double.isNaN(healS) ? "-" : String.format("%.1fx", healS / ours));
                rows.add(new Row(name, ours, err, mean, blur, healS, healE));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
            }
        }
        double worst = rows.stream().mapToDouble(Row::ourSeconds).max().orElse(0);
        out.printf("  slowest fill %.2f s; goal <= %.1f s on 2 cores: %s%n", worst, GOAL_SECONDS,
                worst <= GOAL_SECONDS ? "met" : "NOT met");
        out.println("  (err: RMSE over RGB inside the hole against the original, 0..255; ratio: heal s / ours s)");
        return rows;
    }

    /** The result patch laid on the image (the patch is opaque where it covers). */
    private static Raster paste(Raster image, OperationResult r) {
        byte[] px = image.toByteArray();
        int w = image.width();
        for (int y = 0; y < r.image().height(); y++) {
            r.image().readRow(y, 0, r.image().width(), px, 4 * ((r.y() + y) * w + r.x()));
        }
        return Raster.wrap(w, image.height(), px);
    }

    private static String script(Path in, Path out, Bounds b, boolean heal, int radius) {
        return "(let* ((image (car (gimp-file-load RUN-NONINTERACTIVE \"" + in + "\" \"" + in + "\")))"
                + " (layer (car (gimp-image-get-active-layer image))))"
                + " (gimp-image-select-rectangle image CHANNEL-OP-REPLACE " + b.x() + " " + b.y() + " "
                + b.width() + " " + b.height() + ")"
                + (heal ? " (plug-in-heal-selection RUN-NONINTERACTIVE image layer " + radius + " 0 0)" : "")
                + " (gimp-selection-none image)"
                + " (file-png-save2 RUN-NONINTERACTIVE image layer \"" + out + "\" \"" + out
                + "\" 0 9 0 0 0 0 0 0 0)"
                + " (gimp-quit 0))";
    }

    /** Returns where Resynthesizer's heal selection was found, if anywhere GIMP 2.10 looks for plug-ins. */
    static Optional<String> resynthesizer() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/lib/gimp/2.0/plug-ins"),
                Path.of("/usr/lib64/gimp/2.0/plug-ins"), Path.of("/usr/local/lib/gimp/2.0/plug-ins"),
                Path.of(System.getProperty("user.home"), ".config/GIMP/2.10/plug-ins")));
        if (!onPath("gimp")) {
            return Optional.empty();
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d, 2)) {
                Optional<Path> hit = files.filter(p -> {
                    String n = p.getFileName().toString().toLowerCase();
                    return n.contains("heal-selection") || n.contains("heal_selection");
                }).findFirst();
                if (hit.isPresent()) {
                    return Optional.of(hit.get().toString());
                }
            } catch (IOException e) {
                // an unreadable folder holds no plug-in we can use
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(String exe) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }

    private static double gimp(Path dir, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("gimp", "-i", "-d", "-f", "-b", script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("gimp.log").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("GIMP did not finish; see " + dir.resolve("gimp.log"));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
