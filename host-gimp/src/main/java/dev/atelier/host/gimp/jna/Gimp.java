package dev.atelier.host.gimp.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.atelier.host.gimp.pdb.PdbParam;
import java.util.List;

/**
 * The libgimp, GEGL and babl calls the plug-in makes, with Java types. Call it only from the thread that called
 * {@link #main} (libgimp is not thread-safe).
 */
public final class Gimp {

    /** {@code GimpPDBProcType} GIMP_PLUGIN. */
    public static final int PLUGIN = 1;
    /** {@code GimpPDBStatusType}. */
    public static final int STATUS_EXECUTION_ERROR = 0;
    public static final int STATUS_CALLING_ERROR = 1;
    public static final int STATUS_PASS_THROUGH = 2;
    public static final int STATUS_SUCCESS = 3;
    public static final int STATUS_CANCEL = 4;
    /** {@code GimpRunMode}. */
    public static final int RUN_INTERACTIVE = 0;
    public static final int RUN_NONINTERACTIVE = 1;
    /** {@code GimpImageBaseType}. */
    public static final int RGB = 0;
    public static final int GRAY = 1;
    public static final int INDEXED = 2;
    /** {@code GimpImageType}. */
    public static final int RGBA_IMAGE = 1;
    public static final int GRAYA_IMAGE = 3;
    /** {@code GimpLayerMode} NORMAL (0 is the legacy mode). */
    public static final int LAYER_MODE_NORMAL = 28;

    private final Natives.LibGimp gimp;
    private Natives.LibGegl gegl;
    private Natives.LibBabl babl;
    private Natives.LibGObject gobject;

    private Gimp(Natives.LibGimp gimp) {
        this.gimp = gimp;
    }

    /** Loads libgimp (GEGL and babl load on first pixel access). */
    public static Gimp load() {
        return new Gimp(Natives.load(Natives.LibGimp.SONAME, Natives.LibGimp.class));
    }

    /** Loads every library the plug-in uses without calling into GIMP (class and library warm-up). */
    public static void preload() {
        Natives.load(Natives.LibGimp.SONAME, Natives.LibGimp.class);
        Natives.load(Natives.LibGegl.SONAME, Natives.LibGegl.class);
        Natives.load(Natives.LibBabl.SONAME, Natives.LibBabl.class);
        Natives.load(Natives.LibGObject.SONAME, Natives.LibGObject.class);
        new GimpPlugInInfo(() -> {}, (n, c, p, r, v) -> {}).write();
    }

    /** Runs libgimp's main loop; {@code argv} is {@code [argv0, -gimp, rfd, wfd, -query|-init|-run, mode]}. */
    public int main(GimpPlugInInfo.VoidProc query, GimpPlugInInfo.RunProc run, String[] argv) {
        GimpPlugInInfo info = new GimpPlugInInfo(query, run);
        return gimp.gimp_main(info, argv.length, argv);
    }

    /** Installs a procedure (call from query). */
    public void installProcedure(String name, String blurb, String help, String menuLabel, String imageTypes,
            List<PdbParam> params, List<PdbParam> returns) {
        Params.Block p = Params.paramDefs(params);
        Params.Block r = Params.paramDefs(returns);
        gimp.gimp_install_procedure(name, blurb, help, "Atelier", "Atelier contributors", "2026", menuLabel,
                imageTypes, PLUGIN, params.size(), returns.size(), p.pointer(), r.pointer());
        // GIMP copied everything over the wire; the blocks may go now.
    }

    public boolean menuRegister(String procedure, String menuPath) {
        return gimp.gimp_plugin_menu_register(procedure, menuPath) != 0;
    }

    public void message(String text) {
        gimp.gimp_message(text);
    }

    /** Runs a PDB procedure and returns its return values (status first). */
    public List<PdbValue> runProcedure(String name, List<PdbValue> args) {
        Params.Block block = Params.write(args);
        IntByReference n = new IntByReference();
        Pointer ret = gimp.gimp_run_procedure2(name, n, args.size(), block.pointer());
        if (ret == null) {
            return List.of(PdbValue.status(STATUS_CALLING_ERROR));
        }
        try {
            return Params.read(ret, n.getValue());
        } finally {
            gimp.gimp_destroy_params(ret, n.getValue());
        }
    }

    public int imageBaseType(int image) {
        return gimp.gimp_image_base_type(image);
    }

    public int imageWidth(int image) {
        return gimp.gimp_image_width(image);
    }

    public int imageHeight(int image) {
        return gimp.gimp_image_height(image);
    }

    public int drawableWidth(int drawable) {
        return gimp.gimp_drawable_width(drawable);
    }

    public int drawableHeight(int drawable) {
        return gimp.gimp_drawable_height(drawable);
    }

    /** Returns the drawable's {x, y} offset in the image. */
    public int[] drawableOffsets(int drawable) {
        IntByReference x = new IntByReference();
        IntByReference y = new IntByReference();
        gimp.gimp_drawable_offsets(drawable, x, y);
        return new int[] {x.getValue(), y.getValue()};
    }

    public boolean selectionIsEmpty(int image) {
        return gimp.gimp_selection_is_empty(image) != 0;
    }

    public int imageSelection(int image) {
        return gimp.gimp_image_get_selection(image);
    }

    public int layerCount(int image) {
        IntByReference n = new IntByReference();
        gimp.gimp_image_get_layers(image, n);
        return n.getValue();
    }

    public int activeLayer(int image) {
        return gimp.gimp_image_get_active_layer(image);
    }

    /**
     * Reads a rectangle of a drawable's buffer (in the drawable's own coordinates, which for the selection channel
     * are image coordinates) in a babl format of {@code bytesPerPixel} bytes.
     */
    public byte[] read(int drawable, int x, int y, int w, int h, String format, int bytesPerPixel) {
        geglReady();
        Pointer buffer = gimp.gimp_drawable_get_buffer(drawable);
        if (buffer == null) {
            throw new IllegalStateException("GIMP gave no pixel buffer for drawable " + drawable);
        }
        try {
            long size = (long) w * h * bytesPerPixel;
            Memory mem = new Memory(size);
            gegl.gegl_buffer_get(buffer, rect(x, y, w, h), 1.0, babl.babl_format(format), mem, 0, 0);
            return mem.getByteArray(0, (int) size);
        } finally {
            gobject.g_object_unref(buffer);
        }
    }

    /** Size of a {@code GimpPixelRgn} (56 bytes on x86-64), rounded up: we only ever pass its address. */
    private static final int PIXEL_RGN_BYTES = 128;

    /** Returns a drawable's bytes per pixel in the 8-bit form the tile API uses (1 grey … 4 RGBA). */
    public int bytesPerPixel(int drawable) {
        return gimp.gimp_drawable_bpp(drawable);
    }

    /**
     * Reads a rectangle of a drawable (drawable coordinates, inside it) through the tile API, in the drawable's
     * own 8-bit layout of {@link #bytesPerPixel} bytes — no GEGL start-up in the plug-in.
     */
    public byte[] readTiles(int drawable, int x, int y, int w, int h) {
        int bpp = bytesPerPixel(drawable);
        Pointer d = gimp.gimp_drawable_get(drawable);
        if (d == null) {
            throw new IllegalStateException("GIMP gave no tiles for drawable " + drawable);
        }
        try {
            Memory region = new Memory(PIXEL_RGN_BYTES);
            region.clear();
            gimp.gimp_pixel_rgn_init(region, d, x, y, w, h, 0, 0);
            Memory mem = new Memory((long) w * h * bpp);
            gimp.gimp_pixel_rgn_get_rect(region, mem, x, y, w, h);
            return mem.getByteArray(0, w * h * bpp);
        } finally {
            gimp.gimp_drawable_detach(d);
        }
    }

    /** Writes a whole drawable through the tile API from bytes in its own 8-bit layout. */
    public void writeTiles(int drawable, int w, int h, byte[] pixels) {
        Pointer d = gimp.gimp_drawable_get(drawable);
        if (d == null) {
            throw new IllegalStateException("GIMP gave no tiles for drawable " + drawable);
        }
        try {
            Memory region = new Memory(PIXEL_RGN_BYTES);
            region.clear();
            gimp.gimp_pixel_rgn_init(region, d, 0, 0, w, h, 1, 0);
            Memory mem = new Memory(pixels.length);
            mem.write(0, pixels, 0, pixels.length);
            gimp.gimp_pixel_rgn_set_rect(region, mem, 0, 0, w, h);
            gimp.gimp_drawable_flush(d);
        } finally {
            gimp.gimp_drawable_detach(d);
        }
        gimp.gimp_drawable_update(drawable, 0, 0, w, h);
    }

    /** Writes a whole drawable from bytes in a babl format (GEGL converts to the drawable's own format). */
    public void write(int drawable, int w, int h, String format, byte[] pixels) {
        geglReady();
        Pointer buffer = gimp.gimp_drawable_get_buffer(drawable);
        if (buffer == null) {
            throw new IllegalStateException("GIMP gave no pixel buffer for drawable " + drawable);
        }
        try {
            Memory mem = new Memory(pixels.length);
            mem.write(0, pixels, 0, pixels.length);
            gegl.gegl_buffer_set(buffer, rect(0, 0, w, h), 0, babl.babl_format(format), mem, 0);
            gegl.gegl_buffer_flush(buffer);
        } finally {
            gobject.g_object_unref(buffer);
        }
        gimp.gimp_drawable_update(drawable, 0, 0, w, h);
    }

    public void undoGroupStart(int image) {
        gimp.gimp_image_undo_group_start(image);
    }

    public void undoGroupEnd(int image) {
        gimp.gimp_image_undo_group_end(image);
    }

    public boolean resizeImage(int image, int w, int h, int offx, int offy) {
        return gimp.gimp_image_resize(image, w, h, offx, offy) != 0;
    }

    public boolean scaleImage(int image, int w, int h) {
        return gimp.gimp_image_scale(image, w, h) != 0;
    }

    /** Creates a layer and inserts it at the top of the image; returns its id, or -1. */
    public int addLayer(int image, String name, int w, int h, int type, int offx, int offy) {
        int layer = gimp.gimp_layer_new(image, name, w, h, type, 100.0, LAYER_MODE_NORMAL);
        if (layer < 0) {
            return -1;
        }
        if (gimp.gimp_image_insert_layer(image, layer, 0, 0) == 0) {
            return -1;
        }
        gimp.gimp_layer_set_offsets(layer, offx, offy);
        return layer;
    }

    public void displaysFlush() {
        gimp.gimp_displays_flush();
    }

    public void progressInit(String message) {
        gimp.gimp_progress_init(message);
    }

    public void progressUpdate(double fraction) {
        gimp.gimp_progress_update(fraction);
    }

    public void progressText(String message) {
        gimp.gimp_progress_set_text(message);
    }

    public void progressEnd() {
        gimp.gimp_progress_end();
    }

    private void geglReady() {
        if (gegl == null) {
            gegl = Natives.load(Natives.LibGegl.SONAME, Natives.LibGegl.class);
            babl = Natives.load(Natives.LibBabl.SONAME, Natives.LibBabl.class);
            gobject = Natives.load(Natives.LibGObject.SONAME, Natives.LibGObject.class);
            gegl.gegl_init(Pointer.NULL, Pointer.NULL);
        }
    }

    private static Memory rect(int x, int y, int w, int h) {
        Memory r = new Memory(16);
        r.setInt(0, x);
        r.setInt(4, y);
        r.setInt(8, w);
        r.setInt(12, h);
        return r;
    }
}
