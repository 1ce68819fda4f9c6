package dev.atelier.inference.models.isnet;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.atelier.inference.models.ModelException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The content-addressed layout of {@code @imgly/background-removal-data}: {@code dist/resources.json} maps each
 * resource (e.g. {@code /models/medium}) to its size and an ordered list of chunks, each a file in {@code dist/}
 * named by the SHA-256 of its bytes, with the byte range {@code offsets: [start, end)} it fills. Reassembly checks
 * every chunk against its name, its range and the total size, so a truncated or altered package is refused.
 */
final class ChunkedResources {

    static final String INDEX = "dist/resources.json";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One chunk of a resource. */
    record Chunk(String hash, long[] offsets) {}

    /** One resource: its chunks in order and its total size. */
    record Resource(List<Chunk> chunks, long size, String mime) {}

    private final Path dist;
    private final Map<String, Resource> resources;

    private ChunkedResources(Path dist, Map<String, Resource> resources) {
        this.dist = dist;
        this.resources = resources;
    }

    /** Reads {@value #INDEX} of the unpacked package {@code pkg}. */
    static ChunkedResources read(Path pkg) throws IOException, ModelException {
        Path index = pkg.resolve(INDEX);
        Map<String, Resource> parsed;
        try {
            parsed = new Gson().fromJson(Files.readString(index), new TypeToken<Map<String, Resource>>() { }.getType());
        } catch (NoSuchFileException e) {
            throw new ModelException("the package has no " + INDEX + "; is it @imgly/background-removal-data?");
        } catch (JsonParseException e) {
            throw new ModelException(INDEX + " is not valid: " + e.getMessage(), e);
        }
        if (parsed == null || parsed.isEmpty()) {
            throw new ModelException(INDEX + " lists no resources");
        }
        return new ChunkedResources(index.getParent(), new TreeMap<>(parsed));
    }

    /**
     * Writes resource {@code name} to {@code target} from its chunks, in order, checking each chunk's SHA-256 and
     * length, then the total size; returns the SHA-256 of the whole file. On failure {@code target} is deleted.
     */
    String reassemble(String name, Path target) throws IOException, ModelException {
        Resource r = resources.get(name);
        if (r == null || r.chunks() == null || r.chunks().isEmpty()) {
            throw new ModelException(INDEX + " has no chunks for " + name + " (it lists " + resources.keySet() + ")");
        }
        MessageDigest whole = sha256();
        boolean done = false;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), whole)) {
            long written = 0;
            for (int i = 0; i < r.chunks().size(); i++) {
                written += copyChunk(name, i + 1, r.chunks().get(i), written, out);
            }
            if (written != r.size()) {
                throw new ModelException(name + " reassembled to " + written + " bytes, but " + INDEX + " says "
                        + r.size());
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        return HexFormat.of().formatHex(whole.digest());
    }

    /** Checks chunk {@code n} (1-based) and appends it; returns its length. */
    private long copyChunk(String name, int n, Chunk c, long at, OutputStream out) throws IOException, ModelException {
        String what = "chunk " + n + " of " + name;
        if (c.hash() == null || !SHA256.matcher(c.hash()).matches()) {
            throw new ModelException(what + " is not named by a sha256: '" + c.hash() + "'");
        }
        if (c.offsets() == null || c.offsets().length != 2 || c.offsets()[0] != at || c.offsets()[1] < at) {
            throw new ModelException(what + " does not continue at byte " + at + " (offsets "
                    + java.util.Arrays.toString(c.offsets()) + ")");
        }
        Path file = dist.resolve(c.hash());
        if (!Files.isRegularFile(file)) {
            throw new ModelException(what + " (" + c.hash() + ") is missing from the package");
        }
        byte[] bytes = Files.readAllBytes(file); // 4 MiB each
        String got = HexFormat.of().formatHex(sha256().digest(bytes));
        if (!got.equals(c.hash())) {
            throw new ModelException(what + " does not match its sha256 (got " + got.substring(0, 12)
                    + "…, expected " + c.hash().substring(0, 12) + "…)");
        }
        long expected = c.offsets()[1] - c.offsets()[0];
        if (bytes.length != expected) {
            throw new ModelException(what + " has " + bytes.length + " bytes, expected " + expected);
        }
        out.write(bytes);
        return bytes.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
