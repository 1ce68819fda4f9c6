package dev.atelier.inference.diffusion;

import dev.atelier.inference.models.DiffusionImport;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The optional real Stable Diffusion export (1.x, 2.x or XL) named by {@code $ATELIER_SD_MODEL}, for the
 * end-to-end tests that also run on it. Unset, those tests are skipped with a message, even under
 * {@code ATELIER_REQUIRE_MODELS=1}: a real checkpoint is gigabytes the user brings, never something the build can
 * install, so it is optional by design.
 */
public final class RealSdModel {

    public static final String VARIABLE = "ATELIER_SD_MODEL";
    /** The store id the real model is imported under. */
    public static final String ID = "real-sd";

    private static Path store;

    private RealSdModel() {}

    /** The folder named by {@code $ATELIER_SD_MODEL}, if set. */
    public static Optional<Path> folder() {
        String v = System.getenv(VARIABLE);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    /** Skips the calling test when {@code $ATELIER_SD_MODEL} is unset (a skip, never a failure). */
    public static Path require() {
        Optional<Path> f = folder();
        Assumptions.assumeTrue(f.isPresent(), VARIABLE + " is not set; set it to the folder of a Stable Diffusion "
                + "1.x/2.x/XL export (ONNX or SavedModel) to run this test on a real model (optional, never "
                + "required)");
        return f.get();
    }

    /**
     * A model store holding the real model as {@link #ID}, imported once per test run into a temporary folder
     * (a copy: the import hashes and copies every file, which takes a while for gigabytes) removed at exit.
     */
    public static synchronized Path store() throws Exception {
        Path folder = require();
        if (store == null) {
            Path root = Files.createTempDirectory("atelier-real-sd");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            DiffusionImport.install(new ModelStore(root.resolve("store")), folder, ID, "user-provided");
            store = root.resolve("store");
        }
        return store;
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind; the OS cleans it up
        }
    }
}
