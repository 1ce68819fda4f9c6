package dev.atelier.inference.engine.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * TensorFlow 2.16.1's natives for DJL's TensorFlow engine. DJL's own native jar is TF 2.10.1 (and a CUDA build
 * labelled cpu), so without help DJL tries to download 2.16.1. The TF Java native jar from Maven Central
 * ({@code org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64}) carries exactly the libraries DJL wants:
 * they are unpacked once into Atelier's cache (about 600 MB, a few seconds) and DJL is pointed at them through
 * {@code TENSORFLOW_LIBRARY_PATH}.
 */
final class TensorFlowNatives {

    static final String VERSION = "2.16.1";
    private static final String RESOURCES = "/org/tensorflow/internal/c_api/linux-x86_64/";
    private static final List<String> LIBRARIES =
            List.of("libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "libjnitensorflow.so");

    private TensorFlowNatives() {}

    /** Unpacks the natives under {@code dir} (once) and points DJL at them; does nothing if the user did. */
    static void unpack(Path dir) throws IOException {
        if (System.getProperty("TENSORFLOW_LIBRARY_PATH") != null || System.getenv("TENSORFLOW_LIBRARY_PATH") != null) {
            return;
        }
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch").toLowerCase();
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("the bundled TensorFlow natives are for Linux x86-64; this is " + os + " " + arch);
        }
        Path target = dir.resolve(VERSION + "-cpu-linux-x86_64");
        Files.createDirectories(target);
        for (String lib : LIBRARIES) {
            Path file = target.resolve(lib);
            if (Files.isRegularFile(file)) {
                continue;
            }
            try (InputStream in = TensorFlowNatives.class.getResourceAsStream(RESOURCES + lib)) {
                if (in == null) {
                    throw new IOException("TensorFlow natives are missing from the class path (" + lib
                            + "; tensorflow-core-native linux-x86_64 jar)");
                }
                // Written beside, then renamed: a killed unpack never leaves a truncated library behind.
                Path tmp = Files.createTempFile(target, lib, ".part");
                try {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        System.setProperty("TENSORFLOW_LIBRARY_PATH", target.toString());
    }
}
