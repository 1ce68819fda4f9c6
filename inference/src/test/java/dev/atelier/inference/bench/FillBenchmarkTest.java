package dev.atelier.inference.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Bounds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FillBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void findsNothingInEmptyOrMissingFolders() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertEquals(Optional.empty(),
                FillBenchmark.resynthesizer(List.of(tmp.resolve("empty"), tmp.resolve("missing"))));
    }

    @Test
    void findsTheEngineAndPrefersHealSelection() throws Exception {
        Path engineDir = tmp.resolve("bench-gimp/plug-ins");
        Path engine = Files.createDirectories(engineDir.resolve("resynthesizer")).resolve("resynthesizer");
        Files.writeString(engine, "");
        assertTrue(engine.toFile().setExecutable(true));
        FillBenchmark.Resynth r = FillBenchmark.resynthesizer(List.of(engineDir)).orElseThrow();
        assertEquals(FillBenchmark.Resynth.Kind.ENGINE, r.kind());
        assertEquals(engine, r.plugin());
        assertEquals(List.of(engineDir), r.pluginDirs());
        assertEquals("Resynthesizer engine (heal as in heal-selection)", r.label());

        Path userDir = tmp.resolve("profile/plug-ins");
        Path heal = Files.createDirectories(userDir.resolve("plugin-heal-selection")).resolve("plugin-heal-selection.py");
        Files.writeString(heal, "");
        r = FillBenchmark.resynthesizer(List.of(userDir, engineDir)).orElseThrow();
        assertEquals(FillBenchmark.Resynth.Kind.HEAL_SELECTION, r.kind());
        assertEquals(heal, r.plugin());
        assertEquals(List.of(userDir, engineDir), r.pluginDirs()); // the Python heal needs the engine's folder too
    }

    @Test
    void aFileNamedLikeTheEngineThatCannotRunIsNotTheEngine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plug-ins/resynthesizer"));
        Files.writeString(dir.resolve("resynthesizer"), "");
        assertTrue(dir.resolve("resynthesizer").toFile().setExecutable(false, false));
        assertEquals(Optional.empty(), FillBenchmark.resynthesizer(List.of(tmp.resolve("plug-ins"))));
    }

    @Test
    void batchesHealOnlyWhenAsked() {
        Bounds b = new Bounds(10, 20, 30, 40);
        String plain = FillBenchmark.script(Path.of("/in.png"), Path.of("/out.png"), b, null, 0);
        assertFalse(plain.contains("heal"));
        assertFalse(plain.contains("resynthesizer"));
        assertTrue(plain.contains("(gimp-image-select-rectangle image CHANNEL-OP-REPLACE 10 20 30 40)"));
        String engine = FillBenchmark.script(Path.of("/in.png"), Path.of("/out.png"), b,
                FillBenchmark.Resynth.Kind.ENGINE, 40);
        assertTrue(engine.contains("(gimp-selection-grow temp 40)"));
        assertTrue(engine.contains("(plug-in-resynthesizer RUN-NONINTERACTIVE image layer 0 0 1 work -1 -1 0.0 0.117 16 500)"));
        assertTrue(engine.indexOf("plug-in-resynthesizer") < engine.indexOf("file-png-save2"));
        assertEquals(count(engine, '('), count(engine, ')'));
        String heal = FillBenchmark.script(Path.of("/in.png"), Path.of("/out.png"), b,
                FillBenchmark.Resynth.Kind.HEAL_SELECTION, 40);
        assertTrue(heal.contains("(python-fu-heal-selection RUN-NONINTERACTIVE image layer 40 0 0)"));
        assertEquals(count(heal, '('), count(heal, ')'));
    }

    @Test
    void withoutResynthesizerItSaysSoAndMeasuresOursOnly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<FillBenchmark.Row> rows = FillBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1,
                128, Optional.empty());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Resynthesizer's heal selection is not installed"), out);
        assertEquals(FillImages.NAMES.length, rows.size());
        for (FillBenchmark.Row r : rows) {
            assertTrue(Double.isNaN(r.healSeconds()) && Double.isNaN(r.healRmse()), r.toString());
            assertFalse(Double.isNaN(r.ourRmse()), r.toString());
        }
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
