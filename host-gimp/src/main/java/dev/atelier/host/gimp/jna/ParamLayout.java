package dev.atelier.host.gimp.jna;

/**
 * Byte layouts of the libgimp 2.10 structures we marshal by hand (checked against the 2.10.34 headers on x86-64
 * Linux): {@code GimpParamDef} and {@code GimpParam}.
 */
public final class ParamLayout {

    /** {@code sizeof (GimpParamDef)}: {@code GimpPDBArgType type; gchar *name; gchar *description;}. */
    public static final int PARAM_DEF_SIZE = 24;
    public static final int PARAM_DEF_TYPE = 0;
    public static final int PARAM_DEF_NAME = 8;
    public static final int PARAM_DEF_DESCRIPTION = 16;

    /** {@code sizeof (GimpParam)}: the type, then a 32-byte union (its largest member is GimpRGB, 4 doubles). */
    public static final int PARAM_SIZE = 40;
    public static final int PARAM_TYPE = 0;
    public static final int PARAM_DATA = 8;

    /** {@code sizeof (GimpPlugInInfo)}: four function pointers. */
    public static final int PLUG_IN_INFO_SIZE = 32;

    private ParamLayout() {}
}
