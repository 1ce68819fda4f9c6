package dev.atelier.host.gimp.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.atelier.host.gimp.pdb.PdbParam;
import dev.atelier.host.gimp.pdb.PdbType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads {@code GimpParam} and {@code GimpParamDef} arrays in native memory. Strings are UTF-8 and
 * stay alive as long as the returned {@link Block} is referenced.
 */
public final class Params {

    private Params() {}

    /** Native memory plus the strings it points to; keep it referenced while C may read it. */
    public static final class Block {
        private final Memory memory;
        private final List<Memory> strings;

        Block(Memory memory, List<Memory> strings) {
            this.memory = memory;
            this.strings = strings;
        }

        public Pointer pointer() {
            return memory;
        }

        /** Returns how many native strings this block keeps alive (for tests). */
        int stringCount() {
            return strings.size();
        }
    }

    /** Returns a {@code GimpParamDef[]} for these parameters. */
    public static Block paramDefs(List<PdbParam> params) {
        Memory mem = new Memory((long) Math.max(1, params.size()) * ParamLayout.PARAM_DEF_SIZE);
        mem.clear();
        List<Memory> strings = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            long base = (long) i * ParamLayout.PARAM_DEF_SIZE;
            PdbParam p = params.get(i);
            mem.setInt(base + ParamLayout.PARAM_DEF_TYPE, p.type().code());
            mem.setPointer(base + ParamLayout.PARAM_DEF_NAME, cString(p.name(), strings));
            mem.setPointer(base + ParamLayout.PARAM_DEF_DESCRIPTION, cString(p.description(), strings));
        }
        return new Block(mem, strings);
    }

    /** Returns a {@code GimpParam[]} holding these values. */
    public static Block write(List<PdbValue> values) {
        Memory mem = new Memory((long) Math.max(1, values.size()) * ParamLayout.PARAM_SIZE);
        mem.clear();
        List<Memory> strings = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long base = (long) i * ParamLayout.PARAM_SIZE;
            PdbValue v = values.get(i);
            mem.setInt(base + ParamLayout.PARAM_TYPE, v.type().code());
            long data = base + ParamLayout.PARAM_DATA;
            switch (v.type()) {
                case FLOAT -> mem.setDouble(data, v.asDouble());
                case STRING -> mem.setPointer(data, v.value() == null ? Pointer.NULL : cString(v.asString(), strings));
                default -> mem.setInt(data, v.asInt());
            }
        }
        return new Block(mem, strings);
    }

    /** Reads {@code n} {@code GimpParam}s; types we do not use are read as their INT32 slot. */
    public static List<PdbValue> read(Pointer params, int n) {
        List<PdbValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long base = (long) i * ParamLayout.PARAM_SIZE;
            int code = params.getInt(base + ParamLayout.PARAM_TYPE);
            long data = base + ParamLayout.PARAM_DATA;
            PdbType type = typeOf(code);
            out.add(switch (type) {
                case FLOAT -> PdbValue.float64(params.getDouble(data));
                case STRING -> {
                    Pointer s = params.getPointer(data);
                    yield PdbValue.string(s == null ? null : s.getString(0, StandardCharsets.UTF_8.name()));
                }
                default -> new PdbValue(type, params.getInt(data));
            });
        }
        return out;
    }

    private static PdbType typeOf(int code) {
        for (PdbType t : PdbType.values()) {
            if (t.code() == code) {
                return t;
            }
        }
        return PdbType.INT32; // other ids (CHANNEL, VECTORS, ...) are an int in the same slot
    }

    private static Memory cString(String s, List<Memory> keep) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        keep.add(m);
        return m;
    }
}
