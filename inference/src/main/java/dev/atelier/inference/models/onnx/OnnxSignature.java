package dev.atelier.inference.models.onnx;

import dev.atelier.inference.models.ModelException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The graph inputs and outputs of an ONNX file (names, element types, dimensions), read without loading a session:
 * a streaming reader for the few messages on the path {@code ModelProto.graph → GraphProto.input/output →
 * ValueInfoProto → TypeProto.tensor_type}. Nodes and weights are skipped, never buffered, so a 1.7 GB UNet costs
 * a few reads. Every length is checked against what is left of its enclosing message and against
 * {@link #MAX_VALUE_INFO} before anything is allocated.
 *
 * @param inputs the graph inputs a caller must feed (initializers listed as inputs by old exporters are dropped)
 * @param outputs the graph outputs
 */
public record OnnxSignature(List<Value> inputs, List<Value> outputs) {

    /** The largest {@code ValueInfoProto} accepted (names and shapes are tiny; this is a sanity bound). */
    public static final int MAX_VALUE_INFO = 64 * 1024;

    /**
     * One graph input or output.
     *
     * @param elemType the ONNX {@code TensorProto.DataType} code (1 float, 6 int32, 7 int64, 11 double; 0 unknown)
     * @param dims one entry per dimension: its size, or -1 for a symbolic or unknown one; empty for a scalar
     */
    public record Value(String name, int elemType, long[] dims) {

        /** The number of dimensions. */
        public int rank() {
            return dims.length;
        }

        /** The size of dimension {@code i}, or -1 when it is symbolic or the rank is lower. */
        public long dim(int i) {
            return i < dims.length ? dims[i] : -1;
        }
    }

    public OnnxSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The input named {@code name}. */
    public Optional<Value> input(String name) {
        return inputs.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The output named {@code name}. */
    public Optional<Value> output(String name) {
        return outputs.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * Reads {@code file}'s graph signature.
     *
     * @throws ModelException naming the file when it is not a readable ONNX model
     */
    public static OnnxSignature read(Path file) throws ModelException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Reader r = new Reader(in);
            List<byte[]> ins = new ArrayList<>();
            List<byte[]> outs = new ArrayList<>();
            Set<String> initializers = new HashSet<>();
            boolean graph = false;
            while (!r.atEof()) {
                long key = r.varint();
                if ((key >>> 3) == 7 && (key & 7) == 2) {
                    long length = r.length(Long.MAX_VALUE - r.position());
                    long end = r.position() + length;
                    readGraph(r, end, ins, outs, initializers);
                    graph = true;
                } else {
                    r.skipField(key, Long.MAX_VALUE);
                }
            }
            if (!graph) {
                throw new ModelException(file + " is not an ONNX model (no graph)");
            }
            List<Value> inputs = new ArrayList<>();
            for (byte[] b : ins) {
                Value v = valueInfo(b);
                if (!initializers.contains(v.name())) {
                    inputs.add(v);
                }
            }
            List<Value> outputs = new ArrayList<>();
            for (byte[] b : outs) {
                outputs.add(valueInfo(b));
            }
            return new OnnxSignature(inputs, outputs);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException(file + " is not a readable ONNX model: " + e.getMessage(), e);
        }
    }

    private static void readGraph(Reader r, long end, List<byte[]> ins, List<byte[]> outs, Set<String> inits)
            throws IOException {
        while (r.position() < end) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            if ((field == 11 || field == 12) && (key & 7) == 2) {
                int n = (int) r.length(Math.min(end - r.position(), MAX_VALUE_INFO));
                (field == 11 ? ins : outs).add(r.bytes(n));
            } else if (field == 5 && (key & 7) == 2) {
                long length = r.length(end - r.position());
                long tensorEnd = r.position() + length;
                while (r.position() < tensorEnd) {
                    long k = r.varint();
                    if ((k >>> 3) == 8 && (k & 7) == 2) {
                        inits.add(new String(r.bytes((int) r.length(Math.min(tensorEnd - r.position(),
                                MAX_VALUE_INFO))), StandardCharsets.UTF_8));
                    } else {
                        r.skipField(k, tensorEnd - r.position());
                    }
                }
            } else {
                r.skipField(key, end - r.position());
            }
        }
        if (r.position() != end) {
            throw new IllegalArgumentException("graph message overruns its length");
        }
    }

    /** Decodes a {@code ValueInfoProto}: name (1), type (2) → tensor_type (1) → elem_type (1), shape (2). */
    private static Value valueInfo(byte[] b) {
        Slice s = new Slice(b, 0, b.length);
        String name = "";
        int elem = 0;
        long[] dims = new long[0];
        while (s.more()) {
            long key = s.varint();
            if ((key >>> 3) == 1 && (key & 7) == 2) {
                name = s.string();
            } else if ((key >>> 3) == 2 && (key & 7) == 2) {
                Slice type = s.message();
                while (type.more()) {
                    long k = type.varint();
                    if ((k >>> 3) == 1 && (k & 7) == 2) {
                        Slice tensor = type.message();
                        while (tensor.more()) {
                            long t = tensor.varint();
                            if ((t >>> 3) == 1 && (t & 7) == 0) {
                                elem = (int) tensor.varint();
                            } else if ((t >>> 3) == 2 && (t & 7) == 2) {
                                dims = shape(tensor.message());
                            } else {
                                tensor.skip(t);
                            }
                        }
                    } else {
                        type.skip(k);
                    }
                }
            } else {
                s.skip(key);
            }
        }
        return new Value(name, elem, dims);
    }

    private static long[] shape(Slice shape) {
        List<Long> dims = new ArrayList<>();
        while (shape.more()) {
            long key = shape.varint();
            if ((key >>> 3) == 1 && (key & 7) == 2) {
                Slice dim = shape.message();
                long size = -1;
                while (dim.more()) {
                    long k = dim.varint();
                    if ((k >>> 3) == 1 && (k & 7) == 0) {
                        size = dim.varint();
                    } else {
                        dim.skip(k);
                    }
                }
                dims.add(size);
            } else {
                shape.skip(key);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** Protobuf wire reading over a stream, with the position tracked so message ends can be checked. */
    private static final class Reader {
        private final InputStream in;
        private long position;
        private int peeked = -2;

        Reader(InputStream in) {
            this.in = in;
        }

        long position() {
            return position;
        }

        boolean atEof() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked < 0;
        }

        private int read() throws IOException {
            int b;
            if (peeked != -2) {
                b = peeked;
                peeked = -2;
            } else {
                b = in.read();
            }
            if (b < 0) {
                throw new EOFException("truncated at byte " + position);
            }
            position++;
            return b;
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("malformed varint at byte " + position);
        }

        /** A length prefix, refused when negative or above {@code max}. */
        long length(long max) throws IOException {
            long n = varint();
            if (n < 0 || n > max) {
                throw new IllegalArgumentException("length " + n + " at byte " + position + " exceeds " + max);
            }
            return n;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = new byte[n];
            int off = 0;
            if (n > 0 && peeked != -2) {
                b[off++] = (byte) read();
            }
            int got = in.readNBytes(b, off, n - off);
            if (got != n - off) {
                throw new EOFException("truncated at byte " + (position + got));
            }
            position += got;
            return b;
        }

        void skip(long n) throws IOException {
            if (n > 0 && peeked != -2) {
                read();
                n--;
            }
            in.skipNBytes(n);
            position += n;
        }

        void skipField(long key, long max) throws IOException {
            switch ((int) (key & 7)) {
                case 0 -> varint();
                case 1 -> skip(8);
                case 2 -> skip(length(max));
                case 5 -> skip(4);
                default -> throw new IllegalArgumentException("unsupported wire type " + (key & 7)
                        + " at byte " + position);
            }
        }
    }

    /** Protobuf wire reading over a bounded byte range. */
    private static final class Slice {
        private final byte[] b;
        private int pos;
        private final int end;

        Slice(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                int x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        private int length() {
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw new IllegalArgumentException("length " + n + " overruns its message");
            }
            return (int) n;
        }

        Slice message() {
            int n = length();
            Slice s = new Slice(b, pos, pos + n);
            pos += n;
            return s;
        }

        String string() {
            int n = length();
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        void skip(long key) {
            int n = switch ((int) (key & 7)) {
                case 0 -> {
                    varint();
                    yield 0;
                }
                case 1 -> 8;
                case 2 -> length();
                case 5 -> 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + (key & 7));
            };
            if (n > end - pos) {
                throw new IllegalArgumentException("field overruns its message");
            }
            pos += n;
        }
    }
}
