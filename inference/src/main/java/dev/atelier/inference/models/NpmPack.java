package dev.atelier.inference.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fetches an npm package the way catalogue importers do: {@code npm pack SPEC} into a folder, then the tarball
 * unpacked there. npm is the only downloader Atelier uses, so its registry, proxy and cache settings apply.
 */
public final class NpmPack {

    private NpmPack() {}

    /** Runs {@code npm pack SPEC} in {@code dir}, unpacks the tarball there and returns the package folder. */
    public static Path fetch(String spec, Path dir) throws IOException {
        run(dir, List.of("npm", "pack", "--silent", spec), 600);
        Path tgz;
        try (Stream<Path> files = Files.list(dir)) {
            tgz = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + spec + " produced no tarball"));
        }
        run(dir, List.of("tar", "xzf", tgz.getFileName().toString()), 300);
        Files.delete(tgz); // the unpacked copy is all importers read; large packages need not sit twice on disk
        return dir.resolve("package");
    }

    private static void run(Path dir, List<String> cmd, int timeoutS) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(".log").toFile()).start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is needed to install models from npm and was not found", e);
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
}
