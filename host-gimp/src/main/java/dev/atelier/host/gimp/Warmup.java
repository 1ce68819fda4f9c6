package dev.atelier.host.gimp;

import com.google.gson.JsonObject;
import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.Submission;
import dev.atelier.core.image.HostPixels;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.panel.Panel;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.FrameReader;
import dev.atelier.core.protocol.FrameWriter;
import dev.atelier.core.protocol.Limits;
import dev.atelier.core.protocol.MessageType;
import dev.atelier.host.gimp.jna.Gimp;
import dev.atelier.host.gimp.jna.Params;
import dev.atelier.host.gimp.jna.PdbValue;
import dev.atelier.host.gimp.pdb.ProcedureSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Work that loads the classes a plug-in call uses, without GIMP; and the libjsig stress check. */
final class Warmup {

    private Warmup() {}

    /** Touches JNA, the PDB specs, panels, images and the protocol codec. */
    static void run() {
        Gimp.preload();
        for (Panel p : BuiltInPanels.all()) {
            ProcedureSpec spec = ProcedureSpec.of(p.descriptor());
            Params.paramDefs(spec.params());
            Params.read(Params.write(List.of(PdbValue.int32(1), PdbValue.image(1), PdbValue.drawable(2),
                    PdbValue.string("x"), PdbValue.float64(1.5))).pointer(), 5);
            spec.valuesOf(List.of());
        }
        Raster r = HostPixels.fromGimpRgba(2, 2, new byte[16]);
        Mask m = Mask.filled(2, 2, 255);
        Submission s = Submission.builder().setOperation("upscale").setImage(r).optMask(m).optParam("factor", 2)
                .build();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonObject h = new JsonObject();
            h.addProperty("id", 1);
            h.addProperty("op", s.operation());
            FrameWriter w = new FrameWriter(out, Limits.DEFAULT);
            w.write(Frame.of(MessageType.SUBMIT, h).withRaster("image", r)
                    .withGray("mask", m.width(), m.height(), m.unsafeBytes()));
            new FrameReader(new ByteArrayInputStream(out.toByteArray()), Limits.DEFAULT).read();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ClientOptions.builder().setSocket(Path.of("/nonexistent/atelier.sock")).optLauncher(List.of()).build();
        try {
            new PluginConfig(List.of("java"), java.util.Optional.empty()).toText();
            PluginConfig.read(Path.of("/nonexistent"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        GimpPlugin.oneLine("a\nb");
    }

    /** A million caught NullPointerExceptions and a GC: crashes a JVM whose SIGSEGV handler GIMP replaced. */
    static void stress() {
        int npes = 0;
        Object[] holder = new Object[1];
        for (int i = 0; i < 3_000_000; i++) {
            holder[0] = (i % 3 == 0) ? null : "x";
            try {
                npes += ((String) holder[0]).length() > 5 ? 1 : 0;
            } catch (NullPointerException e) {
                npes++;
            }
        }
        System.gc();
        System.err.println("[atelier] stress ok: npes=" + npes);
    }
}
