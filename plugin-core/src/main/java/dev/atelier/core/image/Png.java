package dev.atelier.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * PNG reading and writing. The size in the IHDR chunk is checked against a pixel limit before any pixel memory
 * is allocated, so a tiny file claiming 100k x 100k pixels is refused up front. Chunk lengths and CRCs are
 * checked before decoding, so truncated or damaged files fail with a message saying where.
 */
public final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static {
        ImageIO.setUseCache(false); // no temp files for every decode
    }

    private Png() {}

    /** Returns the (width, height) declared by a PNG's header, or throws if the bytes are not a PNG. */
    public static Bounds readSize(byte[] png) throws ImageDecodeException {
        if (png.length < 8 + 8 + 13) {
            throw new ImageDecodeException("Not a PNG image: only " + png.length + " bytes");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (png[i] != SIGNATURE[i]) {
                throw new ImageDecodeException("Not a PNG image: bad signature");
            }
        }
        if (png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
            throw new ImageDecodeException("Corrupt PNG image: first chunk is not IHDR");
        }
        long w = readU32(png, 16);
        long h = readU32(png, 20);
        if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new ImageDecodeException("Corrupt PNG image: size " + w + "x" + h);
        }
        return Bounds.of((int) w, (int) h);
    }

    /** Decodes PNG bytes into a raster, refusing images above {@code maxPixels}. */
    public static Raster read(byte[] png, long maxPixels) throws ImageDecodeException {
        Bounds size = readSize(png);
        if (size.area() > maxPixels) {
            throw new ImageDecodeException("Image " + size.width() + "x" + size.height() + " has " + size.area()
                    + " pixels, above the limit of " + maxPixels, true, null);
        }
        checkChunks(png);
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException("Corrupt or truncated PNG image: " + describe(e), false, e);
        }
        if (img == null) {
            throw new ImageDecodeException("Corrupt PNG image: no decoder accepted it");
        }
        return fromBufferedImage(img);
    }

    /** Reads a PNG file, refusing images above {@code maxPixels}. */
    public static Raster read(Path file, long maxPixels) throws IOException {
        return read(Files.readAllBytes(file), maxPixels);
    }

    /** Encodes a view as an 8-bit RGBA PNG. */
    public static byte[] encode(RgbaView image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(image, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory: cannot happen
        }
        return out.toByteArray();
    }

    /** Writes a view as an 8-bit RGBA PNG. */
    public static void write(RgbaView image, OutputStream out) throws IOException {
        if (!ImageIO.write(toBufferedImage(image), "png", out)) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Writes a view as a PNG file: to a temporary sibling first, then renamed, so no half-written file remains. */
    public static void write(RgbaView image, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // Not createTempFile: that makes the file 0600, and the artist's output should get the usual umask.
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                write(image, out);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static BufferedImage toBufferedImage(RgbaView image) {
        int w = image.width();
        int h = image.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
        byte[] dst = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            image.readRow(y, 0, w, row, 0);
            int o = 4 * w * y;
            for (int i = 0; i < 4 * w; i += 4) {
                dst[o + i] = row[i + 3];
                dst[o + i + 1] = row[i + 2];
                dst[o + i + 2] = row[i + 1];
                dst[o + i + 3] = row[i];
            }
        }
        return img;
    }

    static Raster fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] data = new byte[Raster.checkedSize(w, h)];
        if (img.getType() == BufferedImage.TYPE_4BYTE_ABGR) {
            byte[] src = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < data.length; i += 4) {
                data[i] = src[i + 3];
                data[i + 1] = src[i + 2];
                data[i + 2] = src[i + 1];
                data[i + 3] = src[i];
            }
        } else if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] src = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int p = 0, s = 0; p < data.length; p += 4, s += 3) {
                data[p] = src[s + 2];
                data[p + 1] = src[s + 1];
                data[p + 2] = src[s];
                data[p + 3] = (byte) 255;
            }
        } else if (img.getColorModel() instanceof ComponentColorModel cm && !cm.isAlphaPremultiplied()
                && (cm.getNumColorComponents() == 1 || cm.getNumColorComponents() == 3)) {
            // Grey and 16-bit: read the samples as stored. Java2D's getRGB would treat PNG grey as linear
            // light and brighten it (grey 128 came back as 188).
            readSamples(img.getRaster(), cm, data);
        } else {
            // Palette and low-bit grey: Java2D converts through the palette to 8-bit sRGB ARGB.
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, argb, 0, w);
                int o = 4 * w * y;
                for (int x = 0; x < w; x++) {
                    int v = argb[x];
                    data[o + 4 * x] = (byte) (v >>> 16);
                    data[o + 4 * x + 1] = (byte) (v >>> 8);
                    data[o + 4 * x + 2] = (byte) v;
                    data[o + 4 * x + 3] = (byte) (v >>> 24);
                }
            }
        }
        return Raster.wrap(w, h, data);
    }

    /** Copies 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA) bands of 8 or 16 bits into RGBA bytes. */
    private static void readSamples(WritableRaster src, ComponentColorModel cm, byte[] data) {
        int w = src.getWidth();
        int h = src.getHeight();
        int colours = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha();
        int[] max = new int[cm.getNumComponents()];
        for (int b = 0; b < max.length; b++) {
            max[b] = (1 << cm.getComponentSize(b)) - 1;
        }
        int[] px = new int[max.length];
        for (int y = 0, o = 0; y < h; y++) {
            for (int x = 0; x < w; x++, o += 4) {
                src.getPixel(x, y, px);
                for (int c = 0; c < 3; c++) {
                    int b = colours == 1 ? 0 : c;
                    data[o + c] = (byte) to8(px[b], max[b]);
                }
                data[o + 3] = (byte) (alpha ? to8(px[colours], max[colours]) : 255);
            }
        }
    }

    private static int to8(int v, int max) {
        return max == 255 ? v : (int) ((v * 255L + max / 2) / max);
    }

    /**
     * Walks the chunk list so truncation and flipped bytes are reported precisely: ImageIO does not verify CRCs and
     * would decode damaged pixel data into a plausible-looking wrong image.
     */
    private static void checkChunks(byte[] png) throws ImageDecodeException {
        CRC32 crc = new CRC32();
        int pos = SIGNATURE.length;
        while (png.length - pos >= 12) {
            long length = readU32(png, pos);
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            long needed = 12 + length;
            if (needed > png.length - pos) {
                throw new ImageDecodeException("Truncated PNG image: chunk " + type + " at byte " + pos + " needs "
                        + needed + " bytes, only " + (png.length - pos) + " remain");
            }
            crc.reset();
            crc.update(png, pos + 4, 4 + (int) length);
            if (crc.getValue() != readU32(png, pos + 8 + (int) length)) {
                throw new ImageDecodeException("Corrupt PNG image: chunk " + type + " at byte " + pos
                        + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos += (int) needed;
        }
        throw new ImageDecodeException("Truncated PNG image: ends without an IEND chunk");
    }

    private static long readU32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
