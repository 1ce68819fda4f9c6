package dev.atelier.inference.models.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ONNX model as protobuf bytes without a protobuf library: the handful of ONNX messages a small model
 * needs are encoded by hand (field numbers from {@code onnx.proto}). Used by the TFJS importer (float32 image
 * models, one input and one output) and by tests that build tiny models with several typed inputs.
 */
public final class OnnxWriter {

    static final int IR_VERSION = 8;
    static final int OPSET = 17;
    /** ONNX {@code TensorProto.DataType} codes. */
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private int counter;

    /**
     * A graph input or output: name, element type and dimensions; a {@code null} dimension is symbolic (named
     * {@code d<i>}), an empty {@code dims} array a scalar.
     */
    public record Value(String name, int elemType, Long... dims) {}

    /** An ONNX node attribute. */
    public record Attr(String name, Object value) {
        public static Attr i(String name, long v) {
            return new Attr(name, v);
        }

        public static Attr ints(String name, long... v) {
            return new Attr(name, v);
        }

        public static Attr s(String name, String v) {
            return new Attr(name, v);
        }

        public static Attr f(String name, float v) {
            return new Attr(name, v);
        }
    }

    /** Adds a node and returns its (single) output name. */
    public String node(String opType, String output, List<String> inputs, Attr... attrs) {
        Proto n = new Proto();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output);
        n.string(3, output + "_" + opType + "_" + (counter++));
        n.string(4, opType);
        for (Attr a : attrs) {
            n.message(5, attribute(a));
        }
        nodes.add(n.bytes());
        return output;
    }

    /** Adds a float32 constant and returns its name. */
    public String initializer(String name, long[] dims, float[] data) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for shape of " + count);
        }
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        t.bytes(9, raw.array());
        initializers.add(t.bytes());
        return name;
    }

    /** Adds an int64 constant and returns its name. */
    public String initializer(String name, long[] dims, long[] data) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, INT64);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        t.bytes(9, raw.array());
        initializers.add(t.bytes());
        return name;
    }

    /** Returns the model with the given typed graph inputs and outputs. */
    public byte[] build(String producer, List<Value> inputs, List<Value> outputs) {
        List<byte[]> in = new ArrayList<>();
        for (Value v : inputs) {
            in.add(valueInfo(v));
        }
        List<byte[]> out = new ArrayList<>();
        for (Value v : outputs) {
            out.add(valueInfo(v));
        }
        return model(producer, in, out);
    }

    /** Returns the model: input {@code input} and output {@code output}, both float32 [N, C, H, W] with dynamic N/H/W. */
    public byte[] build(String producer, String inputName, int inputChannels, String outputName, int outputChannels) {
        return model(producer, List.of(valueInfo(inputName, inputChannels)),
                List.of(valueInfo(outputName, outputChannels)));
    }

    private byte[] model(String producer, List<byte[]> inputs, List<byte[]> outputs) {
        Proto g = new Proto();
        for (byte[] n : nodes) {
            g.message(1, n);
        }
        g.string(2, "main");
        for (byte[] t : initializers) {
            g.message(5, t);
        }
        for (byte[] v : inputs) {
            g.message(11, v);
        }
        for (byte[] v : outputs) {
            g.message(12, v);
        }
        Proto m = new Proto();
        m.varint(1, IR_VERSION);
        m.string(2, producer);
        m.message(7, g.bytes());
        m.message(8, new Proto().string(1, "").varint(2, OPSET).bytes());
        return m.bytes();
    }

    private static byte[] valueInfo(String name, int channels) {
        Proto shape = new Proto();
        shape.message(1, new Proto().string(2, "N").bytes());
        shape.message(1, new Proto().varint(1, channels).bytes());
        shape.message(1, new Proto().string(2, "H").bytes());
        shape.message(1, new Proto().string(2, "W").bytes());
        Proto tensor = new Proto().varint(1, FLOAT).message(2, shape.bytes());
        Proto type = new Proto().message(1, tensor.bytes());
        return new Proto().string(1, name).message(2, type.bytes()).bytes();
    }

    private static byte[] valueInfo(Value v) {
        Proto shape = new Proto();
        for (int i = 0; i < v.dims().length; i++) {
            Long d = v.dims()[i];
            shape.message(1, d == null ? new Proto().string(2, "d" + i).bytes() : new Proto().varint(1, d).bytes());
        }
        Proto tensor = new Proto().varint(1, v.elemType()).message(2, shape.bytes());
        Proto type = new Proto().message(1, tensor.bytes());
        return new Proto().string(1, v.name()).message(2, type.bytes()).bytes();
    }

    private static byte[] attribute(Attr a) {
        Proto p = new Proto().string(1, a.name());
        if (a.value() instanceof Long v) {
            p.varint(3, v).varint(20, 2);
        } else if (a.value() instanceof long[] v) {
            for (long x : v) {
                p.varint(8, x);
            }
            p.varint(20, 7);
        } else if (a.value() instanceof Float v) {
            p.fixed32(2, Float.floatToRawIntBits(v)).varint(20, 1);
        } else if (a.value() instanceof String v) {
            p.bytes(4, v.getBytes(StandardCharsets.UTF_8)).varint(20, 3);
        } else {
            throw new IllegalArgumentException("attribute type " + a.value().getClass());
        }
        return p.bytes();
    }

    /** A protobuf message under construction (wire types 0 and 2 only). */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto fixed32(int field, int value) {
            raw(((long) field << 3) | 5);
            for (int i = 0; i < 4; i++) {
                out.write((value >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, byte[] encoded) {
            return bytes(field, encoded);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
