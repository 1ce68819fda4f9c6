package dev.atelier.inference.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpscalerJsTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheLastJsonLineAfterTfjsBanner() throws IOException {
        String out = """
                {"tfjs":"4.22.0","backend":"cpu","node":"v20.1.0","loadMs":1,"firstPredictMs":2,"medianPredictMs":3,\
                "predictMs":[3],"outputValues":12}
                {"tfjs":"4.22.0","backend":"cpu","node":"v20.20.2","loadMs":19.5,"firstPredictMs":17079.2,\
                "medianPredictMs":16850.25,"predictMs":[16800.1,16900.4],"outputValues":196608}
                ============================
                Hi, looks like you are running TensorFlow.js in Node.js. To speed things up dramatically, ...
                ============================
                """;
        UpscalerJs.Figures f = UpscalerJs.parse(out);
        assertEquals(new UpscalerJs.Figures("4.22.0", "cpu", "v20.20.2", 19.5, 17079.2, 16850.25, 2), f);
    }

    @Test
    void refusesOutputWithoutFigures() {
        IOException e = assertThrows(IOException.class, () -> UpscalerJs.parse("Error: Cannot find module\n"));
        assertTrue(e.getMessage().startsWith("no JSON line in node's output"), e.getMessage());
        assertThrows(IOException.class, () -> UpscalerJs.parse("{\"tfjs\":\"4.22.0\"}"));
        assertThrows(IOException.class, () -> UpscalerJs.parse("{not json"));
    }

    @Test
    void floatsRoundTripLittleEndian() throws IOException {
        float[] v = {0f, 1.5f, -2.25f, 255f};
        Path f = dir.resolve("v.bin");
        UpscalerJs.writeFloats(v, f);
        byte[] raw = Files.readAllBytes(f);
        assertEquals(16, raw.length);
        assertEquals(0x3f, raw[7] & 0xff); // 1.5f = 0x3fc00000, high byte last
        assertArrayEquals(v, UpscalerJs.readFloats(f));
    }

    @Test
    void missingSetupSaysHowToInstallIt() {
        UpscalerJs.SetupMissing e = assertThrows(UpscalerJs.SetupMissing.class,
                () -> UpscalerJs.locate(dir, "esrgan-slim", 2));
        assertTrue(e.getMessage().contains("bench/setup-upscalerjs.sh"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("bench-node").toString()), e.getMessage());
    }

    @Test
    void theScriptIsPackaged() {
        assertNotNull(UpscalerJs.class.getResource("upscalerjs-bench.mjs"));
    }
}
