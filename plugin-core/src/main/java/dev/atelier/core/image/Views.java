package dev.atelier.core.image;

/**
 * Static factories for lazy views: crop and pad re-index the source's pixels and never copy them. Views allocate
 * nothing per pixel; {@link RgbaView#readRow} is overridden with bulk copies wherever the source allows.
 */
public final class Views {

    private Views() {}

    /**
     * Returns the region {@code b} of {@code source}; {@code b} must be non-empty and lie inside it. A crop of a
     * crop points straight at the original source, so nesting costs nothing per pixel.
     */
    public static RgbaView crop(RgbaView source, Bounds b) {
        if (!source.bounds().contains(b) || b.isEmpty()) {
            throw new IllegalArgumentException("crop " + b + " is not a non-empty region inside " + source.bounds());
        }
        if (b.equals(source.bounds())) {
            return source;
        }
        if (source instanceof CropView c) {
            return new CropView(c.source, b.translate(c.region.x(), c.region.y()));
        }
        return new CropView(source, b);
    }

    /** Returns {@code source} with margins added on each side, filled per {@code edge}. */
    public static RgbaView pad(RgbaView source, int left, int top, int right, int bottom, Edge edge) {
        if (left < 0 || top < 0 || right < 0 || bottom < 0) {
            throw new IllegalArgumentException("padding must not be negative, got left " + left + ", top " + top
                    + ", right " + right + ", bottom " + bottom);
        }
        if (edge == null) {
            throw new IllegalArgumentException("edge must not be null");
        }
        if ((left | top | right | bottom) == 0) {
            return source;
        }
        return new PadView(source, left, top, right, bottom, edge);
    }

    private static final class CropView implements RgbaView {
        private final RgbaView source;
        private final Bounds region;

        CropView(RgbaView source, Bounds region) {
            this.source = source;
            this.region = region;
        }

        @Override
        public int width() {
            return region.width();
        }

        @Override
        public int height() {
            return region.height();
        }

        @Override
        public int get(int x, int y, int c) {
            return source.get(region.x() + x, region.y() + y, c);
        }

        @Override
        public int rgba(int x, int y) {
            return source.rgba(region.x() + x, region.y() + y);
        }

        @Override
        public void readRow(int y, int x, int count, byte[] dst, int offset) {
            source.readRow(region.y() + y, region.x() + x, count, dst, offset);
        }

        @Override
        public String toString() {
            return "crop " + region + " of " + source;
        }
    }

    private static final class PadView implements RgbaView {
        private final RgbaView source;
        private final int left;
        private final int top;
        private final int width;
        private final int height;
        private final Edge edge;

        PadView(RgbaView source, int left, int top, int right, int bottom, Edge edge) {
            this.source = source;
            this.left = left;
            this.top = top;
            this.width = Math.addExact(Math.addExact(source.width(), left), right);
            this.height = Math.addExact(Math.addExact(source.height(), top), bottom);
            this.edge = edge;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public int get(int x, int y, int c) {
            int sx = x - left;
            int sy = y - top;
            int w = source.width();
            int h = source.height();
            if (sx >= 0 && sy >= 0 && sx < w && sy < h) {
                return source.get(sx, sy, c);
            }
            return switch (edge) {
                case TRANSPARENT -> 0;
                case CLAMP -> source.get(clamp(sx, w), clamp(sy, h), c);
                case MIRROR -> source.get(mirror(sx, w), mirror(sy, h), c);
            };
        }

        @Override
        public int rgba(int x, int y) {
            int sx = x - left;
            int sy = y - top;
            int w = source.width();
            int h = source.height();
            if (sx >= 0 && sy >= 0 && sx < w && sy < h) {
                return source.rgba(sx, sy);
            }
            return switch (edge) {
                case TRANSPARENT -> 0;
                case CLAMP -> source.rgba(clamp(sx, w), clamp(sy, h));
                case MIRROR -> source.rgba(mirror(sx, w), mirror(sy, h));
            };
        }

        /** Copies the part of the row inside the source in one bulk read; only the margins go pixel by pixel. */
        @Override
        public void readRow(int y, int x, int count, byte[] dst, int offset) {
            int w = source.width();
            int sy = y - top;
            boolean rowInside = sy >= 0 && sy < source.height();
            if (!rowInside) {
                if (edge == Edge.TRANSPARENT) {
                    java.util.Arrays.fill(dst, offset, offset + 4 * count, (byte) 0);
                    return;
                }
                sy = sourceRow(sy);
            }
            int sx0 = x - left;
            int sx1 = sx0 + count;
            int innerStart = Math.max(sx0, 0);
            int innerEnd = Math.min(sx1, w);
            if (innerEnd <= innerStart) {
                marginPixels(sy, sx0, sx1, dst, offset);
                return;
            }
            marginPixels(sy, sx0, innerStart, dst, offset);
            source.readRow(sy, innerStart, innerEnd - innerStart, dst, offset + 4 * (innerStart - sx0));
            marginPixels(sy, innerEnd, sx1, dst, offset + 4 * (innerEnd - sx0));
        }

        private int sourceRow(int sy) {
            int h = source.height();
            return edge == Edge.CLAMP ? clamp(sy, h) : mirror(sy, h);
        }

        /** Writes source columns [from, to), all outside the source width, of source row {@code sy}. */
        private void marginPixels(int sy, int from, int to, byte[] dst, int offset) {
            int w = source.width();
            for (int sx = from, o = offset; sx < to; sx++, o += 4) {
                int v = switch (edge) {
                    case TRANSPARENT -> 0;
                    case CLAMP -> source.rgba(clamp(sx, w), sy);
                    case MIRROR -> source.rgba(mirror(sx, w), sy);
                };
                dst[o] = (byte) (v >>> 24);
                dst[o + 1] = (byte) (v >>> 16);
                dst[o + 2] = (byte) (v >>> 8);
                dst[o + 3] = (byte) v;
            }
        }

        private static int clamp(int v, int n) {
            return v < 0 ? 0 : Math.min(v, n - 1);
        }

        /** Reflects without repeating the border pixel; period 2n - 2 (a 1-pixel image clamps). */
        static int mirror(int v, int n) {
            if (n == 1) {
                return 0;
            }
            int period = 2 * n - 2;
            int m = Math.floorMod(v, period);
            return m < n ? m : period - m;
        }

        @Override
        public String toString() {
            return "pad " + width + "x" + height + " (" + edge + ") of " + source;
        }
    }
}
