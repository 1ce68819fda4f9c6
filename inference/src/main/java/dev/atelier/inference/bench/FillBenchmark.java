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
 *
 * <p>Which Resynthesizer: its Python "Heal selection" plug-in when GIMP has it; else, when only its C engine
 * ({@code plug-in-resynthesizer}) is there, {@link #healScript our Script-Fu} doing what Heal selection does; else
 * ours only, saying so. GIMP runs in a throw-away profile whose plug-in path adds the folders Resynthesizer was
 * found in (the user's GIMP profile, or {@code <Atelier cache>/bench-gimp/plug-ins}), after one untimed start.
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
        return run(out, runs, size, resynthesizer());
    }

    /** Runs the benchmark against the given Resynthesizer (none: ours only). */
    static List<Row> run(PrintStream out, int runs, int size, Optional<Resynth> heal) throws IOException,
            InterruptedException, AtelierException {
        out.printf("Content-aware fill: %dx%d, %.0f %% hole in the middle, ours on 2 threads (median of %d)%n",
                size, size, HOLE * 100, runs);
        if (heal.isPresent()) {
            out.println("  " + heal.get().label() + ": " + heal.get().plugin());
        } else {
            out.println("  Resynthesizer's heal selection is not installed (plug-in-heal-selection not found; "
                    + "Debian: apt-get install gimp-plugin-registry, if your release still ships it; or its engine "
                    + "plug-in-resynthesizer in " + pluginDirs().get(pluginDirs().size() - 1) + "): ours only");
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
            if (heal.isPresent()) {
                profile(dir, heal.get());
                gimp(dir, "(gimp-quit 0)"); // GIMP's first start in a profile queries every plug-in: not timed
            }
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
                    double with = gimp(dir, script(in, healed, b, heal.get().kind(), Math.max(b.width(), b.height())));
                    double without = gimp(dir, script(in, dir.resolve(name + "-plain.png"), b, null, 0));
                    if (Files.isRegularFile(healed)) {
                        healS = Math.max(0, with - without);
                        healE = FillBaselines.holeRmse(image, Png.read(Files.readAllBytes(healed), Long.MAX_VALUE),
                                hole);
                    } else {
                        out.println("  " + heal.get().label() + " wrote nothing for " + name + "; GIMP said: "
                                + String.join(" | ", Files.readAllLines(dir.resolve("gimp.log")).stream()
                                        .filter(l -> !l.isBlank()).toList()));
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

    /** The batch: load, select the hole, heal it the given way (null: not at all), save. */
    static String script(Path in, Path out, Bounds b, Resynth.Kind heal, int radius) {
        return "(let* ((image (car (gimp-file-load RUN-NONINTERACTIVE \"" + in + "\" \"" + in + "\")))"
                + " (layer (car (gimp-image-get-active-layer image))))"
                + " (gimp-image-select-rectangle image CHANNEL-OP-REPLACE " + b.x() + " " + b.y() + " "
                + b.width() + " " + b.height() + ")"
                + (heal == Resynth.Kind.HEAL_SELECTION
                        // Resynthesizer 2.x registers it as python-fu-heal-selection, later ones as plug-in-…
                        ? " (if (defined? 'python-fu-heal-selection)"
                                + " (python-fu-heal-selection RUN-NONINTERACTIVE image layer " + radius + " 0 0)"
                                + " (plug-in-heal-selection RUN-NONINTERACTIVE image layer " + radius + " 0 0))"
                        : heal == Resynth.Kind.ENGINE ? " " + healScript(radius) : "")
                + " (gimp-selection-none image)"
                + " (file-png-save2 RUN-NONINTERACTIVE image layer \"" + out + "\" \"" + out
                + "\" 0 9 0 0 0 0 0 0 0)"
                + " (gimp-quit 0))";
    }

    /**
     * Heal selection written by us in Script-Fu, for a GIMP that has Resynthesizer's engine but not its Python
     * heal-selection plug-in (GIMP 2.10 without Python-Fu). Expects {@code image} with the hole selected and its
     * {@code layer}. What Heal selection does, from Resynthesizer 2.0.3's PluginScripts/plugin-heal-selection.py
     * (tag v2.0.3, commit b10d6ed) with its defaults "sample from all around" and "random filling order":
     * <ol>
     * <li>on a duplicate of the image, save the selection, grow the selection by the sampling radius, subtract the
     * saved selection (the corpus is the frame around the hole, never the hole itself) and crop the duplicate to
     * the grown selection's bounds;
     * <li>call the engine on the original image's drawable (the target is its selection) with h-tile 0, v-tile 0,
     * use-context 1 (match the context, fill in random order), the duplicate's drawable as corpus, no input or
     * output map (-1, -1), map weight 0.0, autism 0.117, neighbourhood 16, trys 500.
     * </ol>
     * The engine's parameter order (run-mode image drawable vtile htile use-context corpus inmask outmask
     * map-weight autism neighbourhood trys) is as {@code gimp-procedural-db-proc-arg "plug-in-resynthesizer"}
     * lists it; heal selection passes 0 for both tiles, so their order does not matter here.
     */
    static String healScript(int radius) {
        return "(let* ((temp (car (gimp-image-duplicate image)))"
                + " (work (car (gimp-image-get-active-drawable temp)))"
                + " (hole (car (gimp-selection-save temp))))"
                + " (gimp-selection-grow temp " + radius + ")"
                + " (let* ((grown (gimp-selection-bounds temp))"
                + " (x1 (list-ref grown 1)) (y1 (list-ref grown 2)) (x2 (list-ref grown 3)) (y2 (list-ref grown 4)))"
                + " (gimp-image-select-item temp CHANNEL-OP-SUBTRACT hole)"
                + " (gimp-image-crop temp (- x2 x1) (- y2 y1) x1 y1))"
                + " (plug-in-resynthesizer RUN-NONINTERACTIVE image layer 0 0 1 work -1 -1 0.0 0.117 16 500)"
                + " (gimp-image-delete temp))";
    }

    /**
     * Which Resynthesizer the benchmark drives: its own "Heal selection" plug-in, or only its engine
     * ({@code plug-in-resynthesizer}) with {@link #healScript our Script-Fu heal} doing what Heal selection does.
     *
     * @param plugin the file found
     * @param pluginDirs plug-in folders to add to the GIMP profile the benchmark runs with (beyond GIMP's own)
     */
    record Resynth(Kind kind, Path plugin, List<Path> pluginDirs) {
        enum Kind { HEAL_SELECTION, ENGINE }

        String label() {
            return kind == Kind.HEAL_SELECTION ? "Resynthesizer heal selection"
                    : "Resynthesizer engine (heal as in heal-selection)";
        }
    }

    /**
     * Plug-in folders searched: the system's, the user's GIMP 2.10 profile, and the benchmark's own
     * {@code <Atelier cache>/bench-gimp/plug-ins} (where an engine built only for measuring can live without
     * touching the user's GIMP).
     */
    static List<Path> pluginDirs() {
        return List.of(Path.of("/usr/lib/gimp/2.0/plug-ins"), Path.of("/usr/lib64/gimp/2.0/plug-ins"),
                Path.of("/usr/local/lib/gimp/2.0/plug-ins"),
                Path.of(System.getProperty("user.home"), ".config/GIMP/2.10/plug-ins"),
                EngineContext.defaultCacheDir().resolve("bench-gimp").resolve("plug-ins"));
    }

    /** The Resynthesizer GIMP can run here, if any: heal selection first, else its engine. */
    static Optional<Resynth> resynthesizer() {
        return onPath("gimp") ? resynthesizer(pluginDirs()) : Optional.empty();
    }

    /** The Resynthesizer found in {@code dirs} (each searched two levels deep), heal selection before the engine. */
    static Optional<Resynth> resynthesizer(List<Path> dirs) {
        List<Path> extra = dirs.stream().filter(Files::isDirectory)
                .filter(d -> !d.startsWith("/usr/lib/") && !d.startsWith("/usr/lib64/")).toList();
        Optional<Path> heal = find(dirs, p -> {
            String n = p.getFileName().toString().toLowerCase();
            return Files.isRegularFile(p) && (n.contains("heal-selection") || n.contains("heal_selection"));
        });
        if (heal.isPresent()) {
            return Optional.of(new Resynth(Resynth.Kind.HEAL_SELECTION, heal.get(), extra));
        }
        return find(dirs, p -> p.getFileName().toString().equals("resynthesizer") && Files.isRegularFile(p)
                && Files.isExecutable(p)).map(p -> new Resynth(Resynth.Kind.ENGINE, p, extra));
    }

    private static Optional<Path> find(List<Path> dirs, java.util.function.Predicate<Path> what) {
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d, 2)) {
                Optional<Path> hit = files.filter(what).findFirst();
                if (hit.isPresent()) {
                    return hit;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable folder holds no plug-in we can use
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(String exe) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }

    /**
     * The benchmark's own GIMP profile ({@code dir/config/GIMP/2.10}, as {@link #gimp} sets XDG_CONFIG_HOME): GIMP's
     * plug-ins plus the folders Resynthesizer was found in, so neither the user's profile nor GIMP's menus change.
     */
    private static void profile(Path dir, Resynth r) throws IOException {
        Path gimpDir = dir.resolve("config").resolve("GIMP").resolve("2.10");
        Files.createDirectories(gimpDir);
        StringBuilder path = new StringBuilder("${gimp_dir}/plug-ins:${gimp_plug_in_dir}/plug-ins");
        for (Path d : r.pluginDirs()) {
            path.append(':').append(d.toAbsolutePath());
        }
        Files.writeString(gimpDir.resolve("gimprc"), "(plug-in-path \"" + path + "\")\n");
    }

    private static double gimp(Path dir, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("gimp", "-i", "-d", "-f", "-b", script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("gimp.log").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().remove("GIMP2_DIRECTORY");
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
