package dev.atelier.inference.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-or-nothing output files: bytes go to a hidden temporary name in the same folder, are fsynced, then renamed
 * over the final name, so a killed run leaves either the complete file or none (plus a temporary that the next run
 * in that folder removes).
 */
final class AtomicFiles {

    /** Temporaries are {@code .NAME.PID.atelier-tmp}. */
    static final String SUFFIX = ".atelier-tmp";

    private AtomicFiles() {}

    static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes temporaries a killed run left in {@code dir}; returns how many. Call with the folder's lock held. */
    static int removeLeftovers(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + "*" + SUFFIX)) {
            for (Path p : s) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                    n++;
                }
            }
        }
        return n;
    }
}
