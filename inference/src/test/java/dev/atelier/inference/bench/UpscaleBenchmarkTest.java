package dev.atelier.inference.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpscaleBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void psnrReadsRawRgbAndRgba() throws IOException {
        Raster img = Raster.filled(4, 2, 0x102030FF);
        byte[] rgb = new byte[3 * 8];
        for (int i = 0; i < 8; i++) {
            rgb[3 * i] = 0x10;
            rgb[3 * i + 1] = 0x20;
            rgb[3 * i + 2] = 0x30;
        }
        Path raw = Files.write(dir.resolve("a.raw"), rgb);
        assertEquals(Double.POSITIVE_INFINITY, UpscaleBenchmark.psnr(img, raw));
        rgb[0] = 0x11; // one code off in one of 24 samples: MSE 1/24
        Files.write(raw, rgb);
        assertEquals(10 * Math.log10(255.0 * 255.0 * 24), UpscaleBenchmark.psnr(img, raw), 1e-9);
        Path rgba = Files.write(dir.resolve("b.raw"), img.toByteArray());
        assertEquals(Double.POSITIVE_INFINITY, UpscaleBenchmark.psnr(img, rgba));
        Path wrong = Files.write(dir.resolve("c.raw"), new byte[7]);
        assertThrows(IOException.class, () -> UpscaleBenchmark.psnr(img, wrong));
    }
}
