package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.testing.JavaProcess;
import dev.atelier.inference.testing.JavaProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atelier models} as users run it: a child process with its own store in a temp folder. */
class ModelsCommandProcessTest {

    @TempDir
    Path dir;

    private Outcome atelier(String... args) throws Exception {
        return JavaProcess.run(dir, Map.of("ATELIER_MODELS", dir.resolve("store").toString()), 60, args);
    }

    private static void assertOneLineError(Outcome o, int exit, String expected) {
        assertEquals(exit, o.exit(), o.stderr());
        assertEquals("atelier: " + expected, o.stderr().strip());
        assertFalse(o.stderr().contains("\tat "), "stack trace printed: " + o.stderr());
    }

    @Test
    void importListVerifyRemove() throws Exception {
        Files.write(dir.resolve("Tiny Net.onnx"), new byte[] {0x08, 0x07, 0x12, 0x01, 'x'});
        Outcome o = atelier("models", "import", "Tiny Net.onnx", "--task", "upscale", "--scale", "2");
        assertEquals(0, o.exit(), o.stderr());
        assertEquals("imported tiny-net (upscale, onnx, 1 file(s), 5 bytes) into " + dir.resolve("store/tiny-net"),
                o.stdout().strip());

        o = atelier("models", "list");
        assertEquals(0, o.exit(), o.stderr());
        assertEquals("store " + dir.resolve("store") + "\n"
                + String.format("%-26s %-18s %-11s %-10s %s", "tiny-net", "upscale", "onnx", "onnx", "ok"), o.stdout().strip());

        o = atelier("models", "verify");
        assertEquals(0, o.exit(), o.stderr());
        assertEquals("tiny-net: ok", o.stdout().strip());

        Files.write(dir.resolve("store/tiny-net/Tiny Net.onnx"), new byte[] {0x08, 0x07, 0x12, 0x01, 'y'});
        o = atelier("models", "verify", "tiny-net");
        assertTrue(o.stdout().startsWith("tiny-net: BROKEN: Tiny Net.onnx has changed (sha256 "), o.stdout());
        assertOneLineError(o, 1, "1 of 1 model(s) failed verification; remove and reinstall them");

        o = atelier("models", "remove", "tiny-net");
        assertEquals(0, o.exit(), o.stderr());
        assertEquals("removed tiny-net", o.stdout().strip());
        assertOneLineError(atelier("models", "remove", "tiny-net"), 1,
                "model 'tiny-net' is not installed in " + dir.resolve("store") + " (see 'atelier models list')");
    }

    @Test
    void aSavedModelDiffusionFolderIsImportedForTensorFlow() throws Exception {
        TinySdModels.write(dir.resolve("tiny-tf"), false, true);
        Outcome o = atelier("models", "import", "tiny-tf", "--task", "diffusion");
        assertEquals(0, o.exit(), o.stderr());
        String manifest = Files.readString(dir.resolve("store/tiny-tf/manifest.json"));
        assertTrue(manifest.contains("\"engine\": \"tensorflow\"") && manifest.contains("\"format\": \"savedmodel\"")
                && manifest.contains("unet/saved_model.pb"), manifest);
    }

    @Test
    void aDiffusionExportFolderIsCheckedAndImportedWhole() throws Exception {
        Path sd = TinySdModels.write(dir.resolve("tiny-sd"), false);
        Outcome o = atelier("models", "import", "tiny-sd", "--task", "diffusion");
        assertEquals(0, o.exit(), o.stderr());
        assertTrue(o.stdout().strip().startsWith("imported tiny-sd (diffusion, onnx, "), o.stdout());
        String manifest = Files.readString(dir.resolve("store/tiny-sd/manifest.json"));
        assertTrue(manifest.contains("\"engine\": \"onnx\"") && manifest.contains("unet/model.onnx"), manifest);

        Files.delete(sd.resolve("unet/model.onnx"));
        o = atelier("models", "import", "tiny-sd", "--task", "diffusion", "--id", "broken-sd");
        assertEquals(1, o.exit(), o.stderr());
        assertTrue(o.stderr().strip().startsWith("atelier: tiny-sd is not a usable Stable Diffusion export: "),
                o.stderr());
        assertTrue(o.stderr().contains("unet"), o.stderr());
        assertEquals(1, o.stderr().strip().lines().count(), o.stderr());
        assertFalse(Files.exists(dir.resolve("store/broken-sd")));
    }

    @Test
    void picklesAndMistakesGetOneLine() throws Exception {
        Files.write(dir.resolve("model.pt"), new byte[] {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a});
        assertOneLineError(atelier("models", "import", "model.pt", "--task", "upscale"), 1,
                "model.pt is a pickled PyTorch checkpoint, which can run code when loaded; Atelier never loads"
                        + " those. Convert it to safetensors or ONNX first");
        Files.write(dir.resolve("m.onnx"), new byte[] {0x08, 0x07});
        assertOneLineError(atelier("models", "import", "m.onnx"), 2,
                "import needs --task (detect, diffusion, inpaint, remove-background, upscale)");
        assertOneLineError(atelier("models", "install", "isnet"), 1, "isnet comes from"
                + " @imgly/background-removal-data@1.4.5, licensed AGPL-3.0 (package); weights listed as MIT; to install"
                + " it, accept that licence: atelier models install isnet --accept-licence");
        assertOneLineError(atelier("models", "install", "nope"), 1, "no model 'nope' in the catalogue (known:"
                + " esrgan-slim, esrgan-medium, esrgan-thick, isnet); use 'atelier models import PATH' for a file");
        assertOneLineError(atelier("models", "frobnicate"), 2,
                "unknown models subcommand 'frobnicate' (list, install, import, verify, remove)");
        assertFalse(Files.exists(dir.resolve("store/model")));
    }

    @Test
    void aReadOnlyStoreRefusesImports() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        Files.createFile(dir.resolve("store/.atelier-read-only"));
        Files.write(dir.resolve("m.onnx"), new byte[] {0x08, 0x07});
        assertOneLineError(atelier("models", "import", "m.onnx", "--task", "upscale"), 1, "cannot install m: the"
                + " model store " + dir.resolve("store") + " is read-only (shared); set ATELIER_MODELS to a writable"
                + " folder to manage your own models");
        Outcome o = atelier("models", "list");
        assertEquals(0, o.exit(), o.stderr());
        assertEquals("store " + dir.resolve("store") + " (read-only)\nno models installed", o.stdout().strip());
    }
}
