package dev.atelier.core.image;

/** Static factories for lazy views: crop and pad re-index the source's pixels and never copy them. */
public final class Views {

    private Views() {}

    /** Returns the region {@code b} of {@code source}; {@code b} must lie inside it. */
    public static RgbaView crop(RgbaView source, Bounds b) {
        if (!source.bounds().contains(b) || b.isEmpty()) {
            throw new IllegalArgumentException("crop " + b + " is not a non-empty region inside " + source.bounds());
        }
        if (source instanceof CropView c) {
            return new CropView(c.source, b.translate(c.region.x(), c.region.y()));
        }
        return new CropView(source, b);
    }

    /** Returns {@code source} with margins added on each side, filled per {@code edge}. */
    public static RgbaView pad(RgbaView source, int left, int top, int right, int bottom, Edge edge) {
        if (left < 0 || top < 0 || right < 0 || bottom < 0) {
            throw new IllegalArgumentException("padding must not be negative");
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
        public void readRow(int y, int x, int count, byte[] dst, int offset) {
            source.readRow(region.y() + y, region.x() + x, count, dst, offset);
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
    }
}
