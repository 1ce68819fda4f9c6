package dev.atelier.inference.models;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Says what a file or folder holds, from its names and first bytes only: a SavedModel ({@code saved_model.pb}), an
 * ONNX model (protobuf), a TFJS layers model ({@code model.json} with {@code modelTopology} and a
 * {@code weightsManifest}) or safetensors (the 8-byte header length and the JSON header, bounded; the tensors are
 * never read). Pickled PyTorch checkpoints are refused: loading one can run arbitrary code.
 */
public final class ModelFormats {

    /** The safetensors format caps its JSON header at 100 MB; a larger claim is refused before allocating. */
    public static final long MAX_SAFETENSORS_HEADER = 100L << 20;
    /** model.json files above this are refused (real ones are a few hundred KiB). */
    static final long MAX_MODEL_JSON = 64L << 20;

    private ModelFormats() {}

    /**
     * What {@link #detect} found.
     *
     * @param path the file or folder that holds the model
     * @param family for safetensors, the model family guessed from tensor names; otherwise empty
     * @param advice what to do with it when Atelier cannot run it as is; otherwise empty
     */
    public record Detection(ModelFormat format, Path path, String family, String advice) {}

    /** The refusal for a pickled checkpoint, exactly as users see it. */
    public static String pickleMessage(Path path) {
        return path.getFileName() + " is a pickled PyTorch checkpoint, which can run code when loaded; Atelier never"
                + " loads those. Convert it to safetensors or ONNX first";
    }

    /** Detects the format of {@code path}, or throws with what it is not (pickles get {@link #pickleMessage}). */
    public static Detection detect(Path path) throws ModelException, IOException {
        if (!Files.exists(path)) {
            throw new ModelException(path + " does not exist");
        }
        return Files.isDirectory(path) ? detectFolder(path) : detectFile(path);
    }

    private static Detection detectFolder(Path dir) throws ModelException, IOException {
        if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            return new Detection(ModelFormat.SAVEDMODEL, dir, "", "");
        }
        if (Files.isRegularFile(dir.resolve("model.json"))) {
            return detectFile(dir.resolve("model.json"));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> onnx = files.stream().filter(p -> lower(p).endsWith(".onnx")).toList();
        if (onnx.size() == 1) {
            return detectFile(onnx.get(0));
        }
        if (onnx.size() > 1) {
            throw new ModelException(dir + " holds " + onnx.size() + " .onnx files; import them one at a time");
        }
        for (Path f : files) {
            if (pickled(f)) {
                throw new ModelException(pickleMessage(f));
            }
        }
        throw new ModelException(dir + " is not a model folder Atelier knows (no saved_model.pb, model.json or"
                + " .onnx file)");
    }

    private static Detection detectFile(Path file) throws ModelException, IOException {
        String name = lower(file);
        byte[] head = head(file, 16);
        if (pickled(file)) {
            throw new ModelException(pickleMessage(file));
        }
        if (name.endsWith(".onnx")) {
            if (!looksLikeOnnx(head)) {
                throw new ModelException(file.getFileName() + " is not an ONNX model (it does not start like a"
                        + " protobuf ModelProto)");
            }
            return new Detection(ModelFormat.ONNX, file, "", "");
        }
        if (name.equals("saved_model.pb")) {
            return new Detection(ModelFormat.SAVEDMODEL, file.toAbsolutePath().getParent(), "", "");
        }
        if (name.endsWith(".json")) {
            return tfjs(file);
        }
        if (name.endsWith(".safetensors") || looksLikeSafetensors(file, head)) {
            String family = safetensorsFamily(file);
            return new Detection(ModelFormat.SAFETENSORS, file, family, safetensorsAdvice(family));
        }
        if (name.endsWith(".ckpt") || name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".bin")) {
            throw new ModelException(file.getFileName() + " is not a model file Atelier can read (neither"
                    + " safetensors nor ONNX)");
        }
        throw new ModelException(file.getFileName() + " is not a model Atelier knows (expected .onnx, a"
                + " SavedModel folder, a TFJS model.json or .safetensors)");
    }

    /**
     * Whether {@code file} is a pickle: a zip whose entries include {@code data.pkl} (torch.save's format), or raw
     * pickle bytes (protocol 2 and later start with 0x80 and the protocol number). Only names and magic bytes
     * are read.
     */
    public static boolean pickled(Path file) throws IOException {
        byte[] head = head(file, 2);
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return true;
        }
        if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                var entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    String n = e.getName();
                    if (n.equals("data.pkl") || n.endsWith("/data.pkl") || n.endsWith(".pkl")) {
                        return true;
                    }
                }
            } catch (java.util.zip.ZipException e) {
                return false; // not a readable zip: not torch.save's format either
            }
        }
        return false;
    }

    /**
     * An ONNX ModelProto starts with the protobuf tag of one of its top-level fields: ir_version (0x08, what every
     * exporter writes first), producer name/version, domain, model_version, doc_string, graph, opset_import or
     * metadata_props.
     */
    static boolean looksLikeOnnx(byte[] head) {
        if (head.length < 2) {
            return false;
        }
        int tag = head[0] & 0xff;
        return tag == 0x08 || tag == 0x12 || tag == 0x1a || tag == 0x22 || tag == 0x28 || tag == 0x32 || tag == 0x3a
                || tag == 0x42 || tag == 0x72;
    }

    private static boolean looksLikeSafetensors(Path file, byte[] head) throws IOException {
        if (head.length < 9 || head[8] != '{') {
            return false;
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n > 1 && n <= Files.size(file) - 8;
    }

    /**
     * Reads the safetensors JSON header of {@code file} (length checked against the cap and the file size before
     * anything is allocated) and returns its tensor names, metadata excluded.
     */
    public static List<String> safetensorsTensorNames(Path file) throws ModelException, IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (len.hasRemaining() && ch.read(len) >= 0) {
                // fill
            }
            if (len.hasRemaining()) {
                throw new ModelException(file.getFileName() + " is too short to be safetensors");
            }
            long n = len.flip().getLong();
            if (n <= 0 || n > MAX_SAFETENSORS_HEADER) {
                throw new ModelException(file.getFileName() + " claims a " + Long.toUnsignedString(n)
                        + "-byte safetensors header; the format allows at most " + MAX_SAFETENSORS_HEADER + " bytes");
            }
            if (n > ch.size() - 8) {
                throw new ModelException(file.getFileName() + " claims a " + n + "-byte safetensors header but is"
                        + " only " + ch.size() + " bytes long");
            }
            ByteBuffer json = ByteBuffer.allocate((int) n);
            while (json.hasRemaining() && ch.read(json) >= 0) {
                // fill
            }
            JsonObject header;
            try {
                header = JsonParser.parseString(new String(json.array(), StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new ModelException(file.getFileName() + " has a safetensors header that is not a JSON object");
            }
            List<String> names = new ArrayList<>();
            for (String k : header.keySet()) {
                if (!k.equals("__metadata__")) {
                    names.add(k);
                }
            }
            return names;
        }
    }

    /** The model family the tensor names of a safetensors file point to. */
    static String safetensorsFamily(Path file) throws ModelException, IOException {
        return family(safetensorsTensorNames(file));
    }

    /** Guesses a model family from tensor names (Stable Diffusion single-file, diffusers parts, LoRA, ESRGAN…). */
    public static String family(List<String> names) {
        boolean sdUnet = any(names, "model.diffusion_model.");
        boolean sdVae = any(names, "first_stage_model.");
        boolean sdText = any(names, "cond_stage_model.") || any(names, "conditioner.embedders.");
        if (sdUnet && any(names, "conditioner.embedders.")) {
            return "Stable Diffusion XL checkpoint (UNet, VAE and text encoders)";
        }
        if (sdUnet) {
            return "Stable Diffusion checkpoint (UNet" + (sdVae ? ", VAE" : "") + (sdText ? ", text encoder" : "")
                    + ")";
        }
        if (any(names, "lora_unet_") || any(names, "lora_te") || contains(names, ".lora_down.")
                || contains(names, ".lora_A.")) {
            return "LoRA adapter";
        }
        if (any(names, "down_blocks.") && any(names, "mid_block.") && any(names, "time_embedding.")) {
            return "diffusers UNet";
        }
        if ((any(names, "encoder.down_blocks.") && any(names, "decoder.up_blocks."))
                || (any(names, "encoder.down.") && any(names, "decoder.up."))) {
            return "VAE";
        }
        if (any(names, "text_model.encoder.layers.") || any(names, "text_model.embeddings.")) {
            return "CLIP text encoder";
        }
        if (any(names, "conv_first.") && (any(names, "RRDB_trunk.") || any(names, "body."))) {
            return "ESRGAN-style upscaler";
        }
        return "unknown model family (" + names.size() + " tensors)";
    }

    private static String safetensorsAdvice(String family) {
        String how = family.startsWith("Stable Diffusion") || family.startsWith("diffusers") || family.equals("VAE")
                || family.startsWith("CLIP")
                ? "export it to ONNX with Hugging Face Optimum ('optimum-cli export onnx'), then 'atelier models"
                        + " import' the .onnx files"
                : "export it to ONNX (e.g. torch.onnx.export after loading it with safetensors), then 'atelier"
                        + " models import' the .onnx file";
        return "Atelier runs ONNX and SavedModel models; " + how;
    }

    private static Detection tfjs(Path file) throws ModelException, IOException {
        if (Files.size(file) > MAX_MODEL_JSON) {
            throw new ModelException(file.getFileName() + " is too large for a TFJS model.json");
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(Files.readString(file));
        } catch (RuntimeException e) {
            throw new ModelException(file.getFileName() + " is not valid JSON");
        }
        if (json.isJsonObject() && json.getAsJsonObject().has("modelTopology")
                && json.getAsJsonObject().has("weightsManifest")) {
            JsonObject o = json.getAsJsonObject();
            String f = o.has("format") && o.get("format").isJsonPrimitive() ? o.get("format").getAsString() : "";
            if (!f.isEmpty() && !f.equals("layers-model")) {
                throw new ModelException(file.getFileName() + " is a TFJS " + f + ", not a layers model");
            }
            return new Detection(ModelFormat.TFJS_LAYERS, file.toAbsolutePath().getParent(), "",
                    "TFJS layers models are converted to ONNX and SavedModel by their importer"
                            + " ('atelier models install NAME' for catalogue models)");
        }
        throw new ModelException(file.getFileName() + " is not a TFJS layers model (no modelTopology and"
                + " weightsManifest)");
    }

    private static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    private static boolean any(List<String> names, String prefix) {
        return names.stream().anyMatch(n -> n.startsWith(prefix));
    }

    private static boolean contains(List<String> names, String part) {
        return names.stream().anyMatch(n -> n.contains(part));
    }

    private static String lower(Path p) {
        return Optional.ofNullable(p.getFileName()).map(Path::toString).orElse("").toLowerCase(Locale.ROOT);
    }
}
