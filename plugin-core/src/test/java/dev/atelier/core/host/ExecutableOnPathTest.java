package dev.atelier.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableOnPathTest {

    @Test
    void findsTheFirstExecutableFolderByFolder(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("plain"), ""); // not executable
        Files.createDirectories(a.resolve("tool")); // a folder is no program
        Path tool = executable(b.resolve("tool"));
        Path gimp = executable(b.resolve("gimp"));
        Path gimp210 = executable(b.resolve("gimp-2.10"));
        Map<String, String> env = Map.of("PATH", "" + File.pathSeparator + a + File.pathSeparator + b);
        assertEquals(Optional.of(tool), ExecutableOnPath.find(env::get, "tool"));
        assertEquals(Optional.of(gimp210), ExecutableOnPath.find(env::get, "gimp-2.10", "gimp"));
        assertEquals(Optional.of(gimp), ExecutableOnPath.find(env::get, "gimp"));
        assertEquals(Optional.empty(), ExecutableOnPath.find(env::get, "plain"));
        assertEquals(Optional.empty(), ExecutableOnPath.find(k -> null, "tool"));
    }

    private static Path executable(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
