package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.testkit.ImageAssert;
import dev.atelier.testkit.SeededImages;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {

    private static final long LIMIT = 100_000_000;

    @Test
    void roundTripKeepsEveryByteIncludingAlpha() throws Exception {
        Raster image = SeededImages.shapes(42, 37, 23, true);
        byte[] png = Png.encode(image);
        assertEquals(Bounds.of(37, 23), Png.readSize(png));
        ImageAssert.assertPixelsEqual(image, Png.read(png, LIMIT));
    }

    @Test
    void roundTripOfAView() throws Exception {
        RgbaView view = SeededImages.noise(3, 20, 20).crop(new Bounds(5, 6, 9, 4)).pad(1, 0, 2, 3, Edge.MIRROR);
        ImageAssert.assertPixelsEqual(view, Png.read(Png.encode(view), LIMIT));
    }

    @Test
    void fileWriteIsAtomicAndLeavesNoPartFile(@TempDir Path dir) throws Exception {
        Raster image = SeededImages.gradient(16, 8);
        Path file = dir.resolve("out.png");
        Files.write(file, new byte[] {1, 2, 3}); // replaced, not appended to
        Png.write(image, file);
        ImageAssert.assertPixelsEqual(image, Png.read(file, LIMIT));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void greyscaleKeepsItsValues() throws Exception {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 128, 255});
        Raster r = Png.read(write(grey), LIMIT);
        // Java2D's getRGB would report grey 128 as 188: PNG grey is not linear light.
        assertEquals(0x000000ff, r.rgba(0, 0));
        assertEquals(0x808080ff, r.rgba(1, 0));
        assertEquals(0xffffffff, r.rgba(2, 0));
    }

    @Test
    void sixteenBitGreyIsRoundedToEightBits() throws Exception {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setPixels(0, 0, 3, 1, new int[] {0x8080, 0x0080, 0xffff});
        Raster r = Png.read(write(grey), LIMIT);
        assertEquals(0x808080ff, r.rgba(0, 0));
        assertEquals(0x000000ff, r.rgba(1, 0));
        assertEquals(0xffffffff, r.rgba(2, 0));
    }

    @Test
    void greyWithAlpha() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixels(0, 0, 2, 1, new int[] {100, 50, 200, 255});
        Raster r = Png.read(write(new BufferedImage(cm, raster, false, null)), LIMIT);
        assertEquals(0x64646432, r.rgba(0, 0));
        assertEquals(0xc8c8c8ff, r.rgba(1, 0));
    }

    @Test
    void sixteenBitRgba() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {0xffff, 0x8080, 0x0101, 0x7f7f});
        Raster r = Png.read(write(new BufferedImage(cm, raster, false, null)), LIMIT);
        assertEquals(0xff80017f, r.rgba(0, 0));
    }

    @Test
    void rgbWithoutAlphaIsOpaque() throws Exception {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x123456);
        rgb.setRGB(1, 0, 0xfedcba);
        Raster r = Png.read(write(rgb), LIMIT);
        assertEquals(0x123456ff, r.rgba(0, 0));
        assertEquals(0xfedcbaff, r.rgba(1, 0));
    }

    @Test
    void paletteWithTransparentEntry() throws Exception {
        byte[] reds = {(byte) 255, 0, 10};
        byte[] greens = {0, (byte) 255, 20};
        byte[] blues = {0, 0, 30};
        byte[] alphas = {(byte) 255, (byte) 255, 0};
        IndexColorModel cm = new IndexColorModel(2, 3, reds, greens, blues, alphas);
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, cm);
        indexed.getRaster().setPixels(0, 0, 3, 1, new int[] {1, 0, 2});
        Raster r = Png.read(write(indexed), LIMIT);
        assertEquals(0x00ff00ff, r.rgba(0, 0));
        assertEquals(0xff0000ff, r.rgba(1, 0));
        assertEquals(0, r.get(2, 0, 3));
    }

    @Test
    void oneBitGrey() throws Exception {
        BufferedImage binary = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setPixels(0, 0, 3, 1, new int[] {1, 0, 1});
        Raster r = Png.read(write(binary), LIMIT);
        assertEquals(0xffffffff, r.rgba(0, 0));
        assertEquals(0x000000ff, r.rgba(1, 0));
    }

    @Test
    void wrongSignature() {
        byte[] png = Png.encode(SeededImages.gradient(4, 4));
        png[1] = 'J';
        assertRefused("Not a PNG image: bad signature", png);
    }

    @Test
    void tooShortToBeAPng() {
        assertRefused("Not a PNG image: only 5 bytes", new byte[] {1, 2, 3, 4, 5});
    }

    @Test
    void zeroSizeHeader() {
        assertRefused("Corrupt PNG image: size 0x10", header(0, 10));
        assertRefused("Corrupt PNG image: size 10x0", header(10, 0));
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() {
        // Only a signature and an IHDR: if the decoder ran first this would fail as truncated, not as too large.
        byte[] png = header(100_000, 100_000);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> Png.read(png, LIMIT));
        assertEquals("Image 100000x100000 has 10000000000 pixels, above the limit of 100000000", e.getMessage());
        assertTrue(e.isTooLarge());
    }

    @Test
    void truncatedFileCutInHalf() {
        byte[] png = Png.encode(SeededImages.noise(9, 32, 32));
        byte[] half = Arrays.copyOf(png, png.length / 2);
        int idat = indexOf(png, "IDAT") - 4;
        long needed = 12 + ByteBuffer.wrap(png, idat, 4).getInt();
        assertRefused("Truncated PNG image: chunk IDAT at byte " + idat + " needs " + needed + " bytes, only "
                + (half.length - idat) + " remain", half);
    }

    @Test
    void truncatedAtAChunkBoundary() {
        byte[] png = Png.encode(SeededImages.noise(9, 8, 8));
        assertRefused("Truncated PNG image: ends without an IEND chunk", Arrays.copyOf(png, png.length - 12));
    }

    @Test
    void corruptPixelDataFailsItsCrc() {
        byte[] png = Png.encode(SeededImages.noise(9, 32, 32));
        int idat = indexOf(png, "IDAT") - 4;
        png[idat + 8 + 100] ^= 0x5a;
        assertRefused("Corrupt PNG image: chunk IDAT at byte " + idat + " fails its CRC check", png);
    }

    @Test
    void corruptDataWithValidCrcIsStillRefused() {
        byte[] png = Png.encode(SeededImages.noise(9, 32, 32));
        int idat = indexOf(png, "IDAT") - 4;
        int length = ByteBuffer.wrap(png, idat, 4).getInt();
        for (int i = 0; i < length; i++) {
            png[idat + 8 + i] = (byte) 0xff; // not a zlib stream
        }
        putCrc(png, idat, length);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> Png.read(png, LIMIT));
        assertTrue(e.getMessage().startsWith("Corrupt or truncated PNG image: "), e.getMessage());
        assertFalse(e.isTooLarge());
    }

    private static void assertRefused(String message, byte[] png) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> Png.read(png, LIMIT));
        assertEquals(message, e.getMessage());
        assertFalse(e.isTooLarge());
    }

    /** Returns a signature plus a valid IHDR chunk (8-bit RGBA) declaring the given size, and nothing else. */
    private static byte[] header(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 12 + 13);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII));
        b.putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] png = b.array();
        putCrc(png, 8, 13);
        return png;
    }

    private static void putCrc(byte[] png, int chunk, int length) {
        CRC32 crc = new CRC32();
        crc.update(png, chunk + 4, 4 + length);
        ByteBuffer.wrap(png, chunk + 8 + length, 4).putInt((int) crc.getValue());
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }

    private static byte[] write(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out), "no PNG writer for " + image);
        return out.toByteArray();
    }
}
