package dev.atelier.inference.models;

import dev.atelier.inference.models.onnx.OnnxSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Reads the {@value #SIGNATURE} signature of a SavedModel folder's {@code saved_model.pb} (of its {@code serve}
 * graph) without loading TensorFlow: input and output keys with their element types as ONNX codes and their shapes,
 * so a SavedModel part can be checked like an ONNX one. Keys come in sorted order, the order DJL binds unnamed
 * arrays in.
 */
public final class SavedModelSignature {

    /** The signature Atelier runs. */
    public static final String SIGNATURE = "serving_default";

    private SavedModelSignature() {}

    /**
     * Reads the signature of the SavedModel in {@code dir}.
     *
     * @throws ModelException naming the file when it cannot be read or has no {@value #SIGNATURE} signature
     */
    public static OnnxSignature read(Path dir) throws ModelException {
        Path file = dir.resolve("saved_model.pb");
        SavedModel model;
        try (InputStream in = Files.newInputStream(file)) {
            model = SavedModel.parseFrom(in);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage());
        }
        for (MetaGraphDef graph : model.getMetaGraphsList()) {
            if (!graph.getMetaInfoDef().getTagsList().contains("serve")) {
                continue;
            }
            SignatureDef sig = graph.getSignatureDefMap().get(SIGNATURE);
            if (sig != null) {
                return new OnnxSignature(values(sig.getInputsMap()), values(sig.getOutputsMap()));
            }
        }
        throw new ModelException("saved_model.pb has no " + SIGNATURE + " signature for the serve tag");
    }

    private static List<OnnxSignature.Value> values(Map<String, TensorInfo> map) {
        List<OnnxSignature.Value> values = new ArrayList<>();
        for (Map.Entry<String, TensorInfo> e : new TreeMap<>(map).entrySet()) {
            values.add(new OnnxSignature.Value(e.getKey(), onnxType(e.getValue().getDtypeValue()),
                    dims(e.getValue().getTensorShape())));
        }
        return values;
    }

    /** TensorFlow's {@code DataType} code as ONNX's (0 for the ones Atelier never feeds). */
    private static int onnxType(int tfType) {
        return switch (tfType) {
            case 1 -> 1; // DT_FLOAT
            case 2 -> 11; // DT_DOUBLE
            case 3 -> 6; // DT_INT32
            case 9 -> 7; // DT_INT64
            default -> 0;
        };
    }

    private static long[] dims(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return new long[] {-1}; // unknown: taken as one dimension, the usual batch-first vector
        }
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.getDim(i).getSize();
        }
        return dims;
    }
}
