package dev.atelier.host.gimp.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.atelier.host.gimp.pdb.PdbParam;
import dev.atelier.host.gimp.pdb.PdbType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void layoutsMatchLibgimp210OnX8664() {
        assertEquals(8, Native.POINTER_SIZE, "the layouts are for 64-bit systems");
        assertEquals(24, ParamLayout.PARAM_DEF_SIZE);
        assertEquals(List.of(0, 8, 16), List.of(ParamLayout.PARAM_DEF_TYPE, ParamLayout.PARAM_DEF_NAME,
                ParamLayout.PARAM_DEF_DESCRIPTION));
        assertEquals(40, ParamLayout.PARAM_SIZE);
        assertEquals(8, ParamLayout.PARAM_DATA);
        GimpPlugInInfo info = new GimpPlugInInfo();
        assertEquals(ParamLayout.PLUG_IN_INFO_SIZE, info.size());
        assertEquals(List.of(0, 8, 16, 24), List.of(info.offsetOf("init_proc"), info.offsetOf("quit_proc"),
                info.offsetOf("query_proc"), info.offsetOf("run_proc")));
    }

    @Test
    void enumValuesAreGimp210s() {
        assertEquals(0, PdbType.INT32.code());
        assertEquals(3, PdbType.FLOAT.code());
        assertEquals(4, PdbType.STRING.code());
        assertEquals(13, PdbType.IMAGE.code());
        assertEquals(14, PdbType.LAYER.code());
        assertEquals(16, PdbType.DRAWABLE.code());
        assertEquals(21, PdbType.STATUS.code());
        assertEquals(3, Gimp.STATUS_SUCCESS);
        assertEquals(0, Gimp.STATUS_EXECUTION_ERROR);
        assertEquals(28, Gimp.LAYER_MODE_NORMAL);
        assertEquals(1, Gimp.RGBA_IMAGE);
        assertEquals(1, Gimp.PLUGIN);
    }

    @Test
    void paramsAreWrittenAtTheirOffsetsAndReadBack() {
        List<PdbValue> values = List.of(PdbValue.int32(1), PdbValue.image(7), PdbValue.drawable(12),
                PdbValue.float64(2.5), PdbValue.string("a cat wearing a hat — ünïcode"), PdbValue.string(null),
                PdbValue.status(Gimp.STATUS_SUCCESS), PdbValue.layer(-1));
        Params.Block block = Params.write(values);
        Pointer p = block.pointer();
        assertEquals(0, p.getInt(0));
        assertEquals(1, p.getInt(8));
        assertEquals(13, p.getInt(40));
        assertEquals(7, p.getInt(48));
        assertEquals(16, p.getInt(80));
        assertEquals(12, p.getInt(88));
        assertEquals(3, p.getInt(120));
        assertEquals(2.5, p.getDouble(128));
        assertEquals(4, p.getInt(160));
        assertEquals("a cat wearing a hat — ünïcode", p.getPointer(168).getString(0, "UTF-8"));
        assertNull(p.getPointer(208));
        assertEquals(21, p.getInt(240));
        assertEquals(14, p.getInt(280));
        assertEquals(values, Params.read(p, values.size()));
        assertEquals(1, block.stringCount());
    }

    @Test
    void readsParamsWrittenTheWayGimpWritesThem() {
        Memory m = new Memory(3L * 40);
        m.clear();
        m.setInt(0, 0);
        m.setInt(8, 0); // RUN-INTERACTIVE
        m.setInt(40, 13);
        m.setInt(48, 3);
        m.setInt(80, 16);
        m.setInt(88, 4);
        assertEquals(List.of(PdbValue.int32(0), PdbValue.image(3), PdbValue.drawable(4)), Params.read(m, 3));
    }

    @Test
    void paramDefsHoldTypeNameAndDescription() {
        List<PdbParam> defs = List.of(PdbParam.fixed(PdbType.INT32, "run-mode", "The run mode"),
                PdbParam.fixed(PdbType.STRING, "preset", "Preset"));
        Params.Block block = Params.paramDefs(defs);
        Pointer p = block.pointer();
        assertEquals(0, p.getInt(0));
        assertEquals("run-mode", p.getPointer(8).getString(0));
        assertEquals("The run mode", p.getPointer(16).getString(0));
        assertEquals(4, p.getInt(24));
        assertEquals("preset", p.getPointer(32).getString(0));
        assertEquals("Preset", p.getPointer(40).getString(0));
    }
}
