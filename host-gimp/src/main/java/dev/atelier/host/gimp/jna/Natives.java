package dev.atelier.host.gimp.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The C functions we call, one interface per library, loaded by soname (no -dev packages needed). */
final class Natives {

    private Natives() {}

    /** libgimp-2.0: the plug-in protocol and the PDB wrappers. gboolean is an int. */
    interface LibGimp extends Library {
        String SONAME = "libgimp-2.0.so.0";

        int gimp_main(GimpPlugInInfo info, int argc, String[] argv);

        void gimp_install_procedure(String name, String blurb, String help, String author, String copyright,
                String date, String menuLabel, String imageTypes, int type, int nParams, int nReturnVals,
                Pointer params, Pointer returnVals);

        int gimp_plugin_menu_register(String procedureName, String menuPath);

        int gimp_message(String message);

        Pointer gimp_run_procedure2(String name, IntByReference nReturnVals, int nParams, Pointer params);

        void gimp_destroy_params(Pointer params, int nParams);

        int gimp_image_base_type(int image);

        int gimp_image_width(int image);

        int gimp_image_height(int image);

        int gimp_drawable_width(int drawable);

        int gimp_drawable_height(int drawable);

        int gimp_drawable_offsets(int drawable, IntByReference x, IntByReference y);

        int gimp_item_is_layer(int item);

        Pointer gimp_drawable_get_buffer(int drawable);

        // The tile API GIMP 2.10 still offers: pixels travel over the plug-in pipe in 8-bit form, without
        // starting GEGL inside the plug-in (gegl_init and babl cost ~0.4 s per call).
        Pointer gimp_drawable_get(int drawable);

        void gimp_drawable_detach(Pointer drawable);

        void gimp_drawable_flush(Pointer drawable);

        int gimp_drawable_bpp(int drawable);

        void gimp_pixel_rgn_init(Pointer region, Pointer drawable, int x, int y, int width, int height, int dirty,
                int shadow);

        void gimp_pixel_rgn_get_rect(Pointer region, Pointer buffer, int x, int y, int width, int height);

        void gimp_pixel_rgn_set_rect(Pointer region, Pointer buffer, int x, int y, int width, int height);

        int gimp_drawable_update(int drawable, int x, int y, int width, int height);

        int gimp_selection_is_empty(int image);

        int gimp_image_get_selection(int image);

        int gimp_image_undo_group_start(int image);

        int gimp_image_undo_group_end(int image);

        int gimp_image_resize(int image, int width, int height, int offx, int offy);

        int gimp_image_scale(int image, int width, int height);

        int gimp_layer_new(int image, String name, int width, int height, int type, double opacity, int mode);

        int gimp_image_insert_layer(int image, int layer, int parent, int position);

        int gimp_layer_set_offsets(int layer, int offx, int offy);

        int gimp_image_get_active_layer(int image);

        int gimp_image_get_layers(int image, IntByReference numLayers);

        void gimp_displays_flush();

        int gimp_progress_init(String message);

        int gimp_progress_update(double fraction);

        int gimp_progress_set_text(String message);

        int gimp_progress_end();
    }

    /** libgegl-0.4: pixel buffers. A GeglRectangle is passed as a pointer to 4 ints. */
    interface LibGegl extends Library {
        String SONAME = "libgegl-0.4.so.0";

        void gegl_init(Pointer argc, Pointer argv);

        void gegl_buffer_get(Pointer buffer, Pointer rect, double scale, Pointer format, Pointer dest, int rowstride,
                int repeatMode);

        void gegl_buffer_set(Pointer buffer, Pointer rect, int mipmapLevel, Pointer format, Pointer src,
                int rowstride);

        void gegl_buffer_flush(Pointer buffer);
    }

    /** libbabl-0.1: pixel format descriptions. */
    interface LibBabl extends Library {
        String SONAME = "libbabl-0.1.so.0";

        Pointer babl_format(String name);
    }

    /** libgobject-2.0: reference counting of the GEGL buffers. */
    interface LibGObject extends Library {
        String SONAME = "libgobject-2.0.so.0";

        void g_object_unref(Pointer object);
    }

    static <T extends Library> T load(String soname, Class<T> type) {
        return Native.load(soname, type);
    }
}
