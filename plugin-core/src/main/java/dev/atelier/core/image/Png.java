package dev.atelier.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * PNG reading and writing. The size in the IHDR chunk is checked against a pixel limit before any pixel memory
 * is allocated, so a tiny file claiming 100k x 100k pixels is refused up front.
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
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
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
        } else {
            // Grey, palette, 16-bit: let Java2D convert to 8-bit sRGB ARGB (16-bit is reduced to 8).
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

    private static long readU32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
