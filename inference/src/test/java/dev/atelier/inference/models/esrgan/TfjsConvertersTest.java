package dev.atelier.inference.models.esrgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlModel;
import dev.atelier.inference.engine.djl.DjlRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts tiny hand-made TFJS layers models to ONNX and to a SavedModel and checks each runtime's output against a
 * plain-Java NHWC reference.
 */
class TfjsConvertersTest {

    @TempDir
    Path dir;

    /** A layer: class, name, config JSON body, inputs. */
    private record L(String type, String name, String config, String... in) {}

    /** A weight: name, shape, values. */
    private record W(String name, int[] shape, float[] v) {}

    private static final Random RNG = new Random(7);

    private static W rand(String name, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) RNG.nextGaussian() * 0.3f;
        }
        return new W(name, shape, v);
    }

    private Path write(List<L> layers, String output, List<W> weights, String dtype) throws IOException {
        StringBuilder ls = new StringBuilder();
        for (L l : layers) {
            StringBuilder in = new StringBuilder();
            for (String i : l.in()) {
                in.append(in.length() == 0 ? "" : ",").append("[\"").append(i).append("\",0,0,{}]");
            }
            ls.append(ls.length() == 0 ? "" : ",").append("{\"class_name\":\"").append(l.type())
                    .append("\",\"name\":\"").append(l.name()).append("\",\"config\":{").append(l.config())
                    .append("},\"inbound_nodes\":[").append(l.in().length == 0 ? "" : "[" + in + "]").append("]}");
        }
        StringBuilder ws = new StringBuilder();
        ByteBuffer bin = ByteBuffer.allocate(4 * weights.stream().mapToInt(w -> w.v().length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (W w : weights) {
            ws.append(ws.length() == 0 ? "" : ",").append("{\"name\":\"").append(w.name()).append("\",\"shape\":")
                    .append(java.util.Arrays.toString(w.shape())).append(",\"dtype\":\"").append(dtype).append("\"}");
            for (float f : w.v()) {
                bin.putFloat(f);
            }
        }
        String json = "{\"format\":\"layers-model\",\"modelTopology\":{\"model_config\":{\"class_name\":\"Functional\","
                + "\"config\":{\"layers\":[" + ls + "],\"input_layers\":[[\"LR\",0,0]],\"output_layers\":[[\""
                + output + "\",0,0]]}}},\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":[" + ws + "]}]}";
        Files.writeString(dir.resolve("model.json"), json);
        Files.write(dir.resolve("w.bin"), bin.array());
        return dir.resolve("model.json");
    }

    private static String conv(int k, String pad, String act) {
        return "\"kernel_size\":[" + k + "," + k + "],\"strides\":[1,1],\"padding\":\"" + pad
                + "\",\"dilation_rate\":[1,1],\"activation\":\"" + act + "\",\"use_bias\":true";
    }

    /** NHWC reference conv, stride 1, zero padding p. */
    private static float[] conv(float[] x, int h, int w, int ci, W k, W b, int p, boolean relu) {
        int kh = k.shape()[0], kw = k.shape()[1], co = k.shape()[3];
        int oh = h + 2 * p - kh + 1, ow = w + 2 * p - kw + 1;
        float[] y = new float[oh * ow * co];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int o = 0; o < co; o++) {
                    double s = b.v()[o];
                    for (int dy = 0; dy < kh; dy++) {
                        for (int dx = 0; dx < kw; dx++) {
                            int iy = oy + dy - p, ix = ox + dx - p;
                            if (iy < 0 || ix < 0 || iy >= h || ix >= w) {
                                continue;
                            }
                            for (int i = 0; i < ci; i++) {
                                s += x[(iy * w + ix) * ci + i] * k.v()[((dy * kw + dx) * ci + i) * co + o];
                            }
                        }
                    }
                    y[(oy * ow + ox) * co + o] = relu ? (float) Math.max(0, s) : (float) s;
                }
            }
        }
        return y;
    }

    /** Converts {@code json} for {@code runtime}, runs it on {@code nhwc} and returns the output planar (CHW). */
    private float[] convertAndRun(DjlRuntime runtime, Path json, float[] nhwc, int h, int w, int c)
            throws Exception {
        DjlEngines.Started engine = DjlEngines.start(runtime, EngineContext.defaultCacheDir());
        Path model = dir.resolve("model-" + System.nanoTime() + (runtime == DjlRuntime.ONNX_RUNTIME ? ".onnx" : ""));
        if (runtime == DjlRuntime.ONNX_RUNTIME) {
            Files.write(model, TfjsToOnnx.convert(json));
            try (DjlModel m = DjlModel.load(engine, model, 1)) {
                return m.run(toChw(nhwc, h, w, c), 1, c, h, w).values();
            }
        }
        TfjsToSavedModel.convert(json, model);
        try (DjlModel m = DjlModel.load(engine, model, 1)) {
            DjlModel.Output out = m.run(nhwc, 1, h, w, c);
            int oh = (int) out.shape()[1], ow = (int) out.shape()[2], oc = (int) out.shape()[3];
            float[] chw = new float[out.values().length];
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    for (int i = 0; i < oc; i++) {
                        chw[(i * oh + y) * ow + x] = out.values()[(y * ow + x) * oc + i];
                    }
                }
            }
            return chw;
        }
    }

    private static float[] toChw(float[] nhwc, int h, int w, int c) {
        float[] chw = new float[nhwc.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int i = 0; i < c; i++) {
                    chw[(i * h + y) * w + x] = nhwc[(y * w + x) * c + i];
                }
            }
        }
        return chw;
    }

    @ParameterizedTest
    @EnumSource(DjlRuntime.class)
    void rdnStyleBlockMatchesReference(DjlRuntime runtime) throws Exception {
        int h = 6, w = 5;
        W k1 = rand("C1/kernel", 3, 3, 3, 4), b1 = rand("C1/bias", 4);
        W k2 = rand("C2/kernel", 1, 1, 7, 3), b2 = rand("C2/bias", 3);
        W k3 = rand("SR/kernel", 5, 5, 3, 2), b3 = rand("SR/bias", 2);
        List<L> layers = List.of(new L("InputLayer", "LR", "\"batch_input_shape\":[null,null,null,3]"),
                new L("Conv2D", "C1", conv(3, "same", "linear"), "LR"),
                new L("Activation", "R1", "\"activation\":\"relu\"", "C1"),
                new L("Concatenate", "Cat", "\"axis\":3", "LR", "R1"),
                new L("Conv2D", "C2", conv(1, "valid", "linear"), "Cat"),
                new L("Add", "Sum", "", "C2", "LR"),
                new L("UpSampling2D", "Up", "\"size\":[2,2],\"interpolation\":\"nearest\"", "Sum"),
                new L("Conv2D", "SR", conv(5, "same", "relu"), "Up"));
        Path json = write(layers, "SR", List.of(k1, b1, k2, b2, k3, b3), "float32");
        float[] x = rand("x", h * w * 3).v();
        float[] r1 = conv(x, h, w, 3, k1, b1, 1, true);
        float[] cat = new float[h * w * 7];
        for (int p = 0; p < h * w; p++) {
            System.arraycopy(x, p * 3, cat, p * 7, 3);
            System.arraycopy(r1, p * 4, cat, p * 7 + 3, 4);
        }
        float[] c2 = conv(cat, h, w, 7, k2, b2, 0, false);
        for (int i = 0; i < c2.length; i++) {
            c2[i] += x[i];
        }
        float[] up = new float[4 * c2.length];
        for (int y = 0; y < 2 * h; y++) {
            for (int xx = 0; xx < 2 * w; xx++) {
                System.arraycopy(c2, ((y / 2) * w + xx / 2) * 3, up, (y * 2 * w + xx) * 3, 3);
            }
        }
        float[] expected = conv(up, 2 * h, 2 * w, 3, k3, b3, 2, true);
        float[] got = convertAndRun(runtime, json, x, h, w, 3);
        assertEquals(expected.length, got.length);
        for (int y = 0; y < 2 * h; y++) {
            for (int xx = 0; xx < 2 * w; xx++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(expected[(y * 2 * w + xx) * 2 + c], got[(c * 2 * h + y) * 2 * w + xx], 1e-4);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DjlRuntime.class)
    void customLayersMultiplyBetaAndPixelShuffle(DjlRuntime runtime) throws Exception {
        int h = 3, w = 4;
        W k = rand("C/kernel", 1, 1, 3, 12), b = rand("C/bias", 12);
        List<L> layers = List.of(new L("InputLayer", "LR", ""), new L("Conv2D", "C", conv(1, "same", "linear"), "LR"),
                new L("MultiplyBeta", "M", "", "C"), new L("PixelShuffle2x", "SR", "", "M"));
        Path json = write(layers, "SR", List.of(k, b), "float32");
        float[] x = rand("x", h * w * 3).v();
        float[] c = conv(x, h, w, 3, k, b, 0, false);
        float[] got = convertAndRun(runtime, json, x, h, w, 3);
        assertEquals(3 * 4 * h * w, got.length);
        // tf.depthToSpace NHWC: out[y*2+dy][x*2+dx][ch] = in[y][x][(dy*2+dx)*3+ch]
        for (int y = 0; y < 2 * h; y++) {
            for (int xx = 0; xx < 2 * w; xx++) {
                for (int ch = 0; ch < 3; ch++) {
                    float e = 0.2f * c[((y / 2) * w + xx / 2) * 12 + ((y % 2) * 2 + xx % 2) * 3 + ch];
                    assertEquals(e, got[(ch * 2 * h + y) * 2 * w + xx], 1e-5);
                }
            }
        }
    }

    @Test
    void unsupportedLayersAndWeightsAreRefusedByName() throws Exception {
        W k = rand("C/kernel", 1, 1, 3, 3), b = rand("C/bias", 3);
        List<L> bad = new ArrayList<>(List.of(new L("InputLayer", "LR", ""),
                new L("Dense", "D", "", "LR")));
        IOException e = assertThrows(IOException.class, () -> TfjsToOnnx.convert(write(bad, "D", List.of(), "float32")));
        assertTrue(e.getMessage().contains("D") && e.getMessage().contains("Dense"), e.getMessage());
        List<L> ok = List.of(new L("InputLayer", "LR", ""), new L("Conv2D", "C", conv(1, "same", "linear"), "LR"));
        e = assertThrows(IOException.class, () -> TfjsToOnnx.convert(write(ok, "C", List.of(k, b), "float16")));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
        Path json = write(ok, "C", List.of(k, b), "float32");
        Files.delete(dir.resolve("w.bin"));
        e = assertThrows(IOException.class, () -> TfjsToOnnx.convert(json));
        assertTrue(e.getMessage().contains("missing weight shard"), e.getMessage());
        e = assertThrows(IOException.class, () -> TfjsToSavedModel.convert(json, dir.resolve("never")));
        assertTrue(e.getMessage().contains("missing weight shard"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("never")));
    }
}
