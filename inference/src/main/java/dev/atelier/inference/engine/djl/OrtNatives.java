package dev.atelier.inference.engine.djl;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * ONNX Runtime's natives, unpacked once from its jar into Atelier's cache; without this ORT extracts them into a
 * new {@code java.io.tmpdir/onnxruntime-java*} folder on every start.
 */
final class OrtNatives {

    private OrtNatives() {}

    /**
     * Unpacks into {@code dir} and points {@code onnxruntime.native.path} there. Leaves ORT's default when the
     * property is already set or the platform's natives are not in the jar.
     */
    static void unpack(Path dir) throws IOException {
        if (System.getProperty("onnxruntime.native.path") != null) {
            return;
        }
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch").toLowerCase();
        String platform = (os.contains("win") ? "win" : os.contains("mac") ? "osx" : "linux") + "-"
                + (arch.equals("amd64") || arch.equals("x86_64") ? "x64" : "aarch64");
        String version = OrtEnvironment.class.getPackage().getImplementationVersion();
        Path target = dir.resolve(version == null ? "ort" : "ort-" + version).resolve(platform);
        Files.createDirectories(target);
        for (String lib : List.of(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"))) {
            Path file = target.resolve(lib);
            try (InputStream in = OrtEnvironment.class.getResourceAsStream(
                    "/ai/onnxruntime/native/" + platform + "/" + lib)) {
                if (in == null) {
                    return; // not packaged for this platform: let ORT do its own thing
                }
                if (!Files.isRegularFile(file)) {
                    Path tmp = Files.createTempFile(target, lib, ".part");
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
        }
        System.setProperty("onnxruntime.native.path", target.toString());
    }
}
