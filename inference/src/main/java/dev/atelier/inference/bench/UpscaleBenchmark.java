package dev.atelier.inference.bench;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.demo.ExampleImages;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times our Lanczos-3 2x upscale of a 4000x3000 photo-like image against libvips and ImageMagick on the same
 * input, and measures how close the results are (PSNR over RGB).
 *
 * <p>What is timed: ours, the in-memory upscale (Raster to Raster, after one warm-up run for the JIT). vips,
 * {@code vips resize in.v out.v 2 --kernel lanczos3} on its uncompressed native format, so PNG coding is not
 * counted (process start and the raw write of the result are). ImageMagick, {@code convert in.mpc -filter Lanczos
 * -resize 200% null:} from its memory-mapped cache format with the result discarded. vips and ImageMagick
 * resample the sRGB-encoded values; we resample linear light, so a linear-light vips pipeline (scRGB float,
 * resize, back to sRGB) is compared too, which is the like-for-like reference.
 */
public final class UpscaleBenchmark {

    public static final int WIDTH = 4000;
    public static final int HEIGHT = 3000;

    /** One tool's figures; ratio is its time over ours; psnr is NaN for ours. */
    public record Row(String tool, String timed, double medianSeconds, double ratioVsOurs, double psnrDb) {}

    /** All figures of a run: measured rows and one line per skipped tool. */
    public record Result(int width, int height, int runs, int threads, List<Row> rows, List<String> skipped) {}

    private UpscaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        run(System.out, runs);
    }

    /** Runs the benchmark, printing progress and a table to {@code out}; returns the figures. */
    public static Result run(PrintStream out, int runs) throws IOException, InterruptedException, AtelierException {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1");
        }
        Path dir = Files.createTempDirectory("atelier-bench");
        try {
            return run(out, runs, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static Result run(PrintStream out, int runs, Path dir)
            throws IOException, InterruptedException, AtelierException {
        int threads = LanczosUpscaler.defaultThreads();
        out.printf("Upscale benchmark: %dx%d -> %dx%d (2x Lanczos-3), median of %d run(s), %d thread(s)%n",
                WIDTH, HEIGHT, 2 * WIDTH, 2 * HEIGHT, runs, threads);
        Raster src = ExampleImages.landscape(WIDTH, HEIGHT, 1);
        Path png = dir.resolve("in.png");
        Png.write(src, png);

        LanczosUpscaler.upscale(src, 2, threads, ProgressSink.none(), CancelToken.none()); // JIT warm-up
        Raster[] ours = new Raster[1];
        double oursSec = median(runs, () -> ours[0] = LanczosUpscaler.upscale(src, 2, threads, ProgressSink.none(),
                CancelToken.none()));
        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        rows.add(new Row("atelier LanczosUpscaler", "in-memory Raster -> Raster", oursSec, 1.0, Double.NaN));

        if (!available("vips", "--version")) {
            skipped.add("skipped: vips not installed (apt-get install libvips-tools)");
        } else {
            exec(dir, "vips", "copy", "in.png", "in.v");
            double sec = median(runs, () -> exec(dir, "vips", "resize", "in.v", "out.v", "2", "--kernel", "lanczos3"));
            exec(dir, "vips", "rawsave", "out.v", "vips.raw");
            rows.add(new Row("vips resize (sRGB)", "in.v -> out.v", sec, sec / oursSec,
                    psnr(ours[0], dir.resolve("vips.raw"))));
            double lin = median(runs, () -> {
                exec(dir, "vips", "colourspace", "in.v", "lin.v", "scrgb");
                exec(dir, "vips", "resize", "lin.v", "linup.v", "2", "--kernel", "lanczos3");
                exec(dir, "vips", "colourspace", "linup.v", "outlin.v", "srgb");
            });
            exec(dir, "vips", "rawsave", "outlin.v", "vipslin.raw");
            rows.add(new Row("vips resize (linear)", "scRGB float: 3 commands", lin, lin / oursSec,
                    psnr(ours[0], dir.resolve("vipslin.raw"))));
        }
        if (!available("convert", "-version")) {
            skipped.add("skipped: ImageMagick not installed (apt-get install imagemagick)");
        } else {
            exec(dir, "convert", "in.png", "in.mpc");
            double sec = median(runs,
                    () -> exec(dir, "convert", "in.mpc", "-filter", "Lanczos", "-resize", "200%", "null:"));
            exec(dir, "convert", "in.mpc", "-filter", "Lanczos", "-resize", "200%", "-depth", "8", "rgb:magick.raw");
            rows.add(new Row("ImageMagick convert (sRGB)", "in.mpc -> null:", sec, sec / oursSec,
                    psnr(ours[0], dir.resolve("magick.raw"))));
        }
        print(out, rows, skipped);
        return new Result(WIDTH, HEIGHT, runs, threads, List.copyOf(rows), List.copyOf(skipped));
    }

    private static void print(PrintStream out, List<Row> rows, List<String> skipped) {
        out.printf("%-28s %-28s %10s %12s %14s%n", "tool", "timed", "median s", "vs ours", "PSNR vs ours");
        for (Row r : rows) {
            out.printf("%-28s %-28s %10.3f %11.2fx %14s%n", r.tool(), r.timed(), r.medianSeconds(),
                    r.ratioVsOurs(), Double.isNaN(r.psnrDb()) ? "-" : String.format("%.2f dB", r.psnrDb()));
        }
        for (String s : skipped) {
            out.println(s);
        }
        out.println("(vs ours > 1 means the tool is slower; sRGB tools resample gamma-encoded values, we resample"
                + " linear light, so their PSNR is lower by design)");
    }

    @FunctionalInterface
    private interface Timed {
        void run() throws IOException, InterruptedException, AtelierException;
    }

    /** Returns the median wall time in seconds of {@code runs} executions. */
    private static double median(int runs, Timed task) throws IOException, InterruptedException, AtelierException {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    }

    /** Returns the PSNR (dB, RGB) between our RGBA result and a raw 8-bit RGB or RGBA file of the same size. */
    static double psnr(Raster ours, Path raw) throws IOException {
        byte[] other = Files.readAllBytes(raw);
        long pixels = (long) ours.width() * ours.height();
        int bands = (int) (other.length / pixels);
        if (bands < 3 || bands * pixels != other.length) {
            throw new IOException(raw + " is not " + ours.width() + "x" + ours.height() + " RGB(A) bytes");
        }
        byte[] mine = ours.unsafeBytes(); // read only
        double se = 0;
        for (long p = 0; p < pixels; p++) {
            int a = (int) (4 * p);
            int b = (int) (bands * p);
            for (int c = 0; c < 3; c++) {
                int d = (mine[a + c] & 0xff) - (other[b + c] & 0xff);
                se += d * d;
            }
        }
        double mse = se / (3.0 * pixels);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
