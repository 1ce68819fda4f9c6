package dev.atelier.host.gimp.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * libgimp's {@code GimpPlugInInfo}: four function pointers (init, quit, query, run), 32 bytes on 64-bit systems.
 * Public only because JNA reflects on its fields; use {@link Gimp#main}.
 */
@Structure.FieldOrder({"init_proc", "quit_proc", "query_proc", "run_proc"})
public final class GimpPlugInInfo extends Structure {

    /** {@code void (*GimpInitProc) (void)}, also used for quit and query. */
    public interface VoidProc extends Callback {
        void invoke();
    }

    /**
     * {@code void (*GimpRunProc) (const gchar *name, gint n_params, const GimpParam *param, gint *n_return_vals,
     * GimpParam **return_vals)}.
     */
    public interface RunProc extends Callback {
        void invoke(String name, int nParams, Pointer params, Pointer nReturnVals, Pointer returnVals);
    }

    public VoidProc init_proc;
    public VoidProc quit_proc;
    public VoidProc query_proc;
    public RunProc run_proc;

    public GimpPlugInInfo() {}

    /** Returns a field's byte offset (for layout tests). */
    int offsetOf(String field) {
        return fieldOffset(field);
    }

    GimpPlugInInfo(VoidProc query, RunProc run) {
        this.query_proc = query;
        this.run_proc = run;
    }
}
