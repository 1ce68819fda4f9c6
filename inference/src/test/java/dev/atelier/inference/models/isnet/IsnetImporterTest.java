package dev.atelier.inference.models.isnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.models.ModelCatalogue;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelImporter;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer on a hand-made package: a resources.json and content-addressed chunks, no npm needed. */
class IsnetImporterTest {

    private static final ModelCatalogue.Entry ENTRY = ModelCatalogue.builtIn().find("isnet").orElseThrow();

    @TempDir
    Path dir;

    /** The bytes the fake /models/medium reassembles to: 2.5 chunks of 10 bytes. */
    private final byte[] model = random(25, 1);
    private final List<String> hashes = new ArrayList<>();

    @Test
    void theCatalogueEntryFindsThisImporterAndIsCopyleft() {
        assertTrue(ModelCatalogue.importer(ENTRY.importer(), getClass().getClassLoader()).orElseThrow()
                instanceof IsnetImporter);
        assertTrue(ENTRY.copyleft());
        assertFalse(ModelCatalogue.builtIn().find("esrgan-slim").orElseThrow().copyleft());
    }

    @Test
    void reassemblesTheMediumModelInOrderAndInstallsIt() throws Exception {
        Path pkg = fakePackage();
        List<String> log = new ArrayList<>();
        List<ModelImporter.Staged> staged = importer(pkg).prepare(ENTRY, dir.resolve("scratch"), log::add);
        assertEquals(1, staged.size());
        ModelManifest draft = staged.get(0).draft();
        assertEquals("isnet", draft.id());
        assertEquals("remove-background", draft.task());
        assertEquals("onnx", draft.engine());
        assertEquals(ENTRY.licence(), draft.licence());
        assertEquals("npm:@imgly/background-removal-data@1.4.5 /models/medium", draft.source());
        assertArrayEquals(model, Files.readAllBytes(staged.get(0).files().resolve("model.onnx")));
        assertTrue(Files.isRegularFile(staged.get(0).files().resolve("LICENSE.md")));

        ModelStore store = new ModelStore(dir.resolve("store"));
        ModelManifest installed = store.install(draft, staged.get(0).files());
        assertEquals(List.of("LICENSE.md", "model.onnx"), installed.files().stream()
                .map(ModelManifest.FileEntry::path).toList());
        assertEquals(List.of(), store.verify("isnet"));
        assertTrue(log.get(1).startsWith("isnet: /models/medium reassembled, 25 bytes"), log.toString());
    }

    @Test
    void aChunkWhoseBytesDoNotMatchItsNameIsRefused() throws Exception {
        Path pkg = fakePackage();
        Files.write(pkg.resolve("dist").resolve(hashes.get(1)), random(10, 9)); // same size, other bytes
        assertRefused(pkg, "chunk 2 of /models/medium does not match its sha256 (got ");
    }

    @Test
    void aMissingChunkIsRefused() throws Exception {
        Path pkg = fakePackage();
        Files.delete(pkg.resolve("dist").resolve(hashes.get(2)));
        assertRefused(pkg, "chunk 3 of /models/medium (" + hashes.get(2) + ") is missing from the package");
    }

    @Test
    void aSizeThatDisagreesWithTheChunksIsRefused() throws Exception {
        Path pkg = fakePackage();
        Files.writeString(pkg.resolve(ChunkedResources.INDEX), Files.readString(pkg.resolve(ChunkedResources.INDEX))
                .replace("\"size\":25", "\"size\":26"));
        assertRefused(pkg, "/models/medium reassembled to 25 bytes, but dist/resources.json says 26");
    }

    @Test
    void aChunkNameThatIsNotAHashIsRefused() throws Exception {
        Path pkg = fakePackage();
        Files.writeString(pkg.resolve(ChunkedResources.INDEX), Files.readString(pkg.resolve(ChunkedResources.INDEX))
                .replace(hashes.get(0), "../../etc/passwd"));
        assertRefused(pkg, "chunk 1 of /models/medium is not named by a sha256: '../../etc/passwd'");
    }

    @Test
    void aPackageWithoutResourcesJsonIsRefused() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("empty/package"));
        assertRefused(pkg, "the package has no dist/resources.json; is it @imgly/background-removal-data?");
    }

    /** The import fails with exactly {@code message}, leaves no model.onnx behind and installs nothing. */
    private void assertRefused(Path pkg, String message) {
        ModelStore store = new ModelStore(dir.resolve("store"));
        ModelException e = assertThrows(ModelException.class,
                () -> importer(pkg).prepare(ENTRY, dir.resolve("scratch"), s -> {}));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(Files.exists(dir.resolve("scratch/staged/isnet/model.onnx")));
        assertFalse(Files.exists(store.folder("isnet")));
    }

    private static IsnetImporter importer(Path pkg) {
        return new IsnetImporter((spec, into) -> {
            assertEquals("@imgly/background-removal-data@1.4.5", spec);
            return pkg;
        });
    }

    /** A package with /models/medium in chunks of 10, 10 and 5 bytes, plus a decoy resource. */
    private Path fakePackage() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("npm/package"));
        Path dist = Files.createDirectories(pkg.resolve("dist"));
        Files.writeString(pkg.resolve("LICENSE.md"), "GNU AFFERO GENERAL PUBLIC LICENSE");
        StringBuilder chunks = new StringBuilder();
        ByteArrayOutputStream check = new ByteArrayOutputStream();
        for (int start = 0; start < model.length; start += 10) {
            int end = Math.min(model.length, start + 10);
            byte[] part = java.util.Arrays.copyOfRange(model, start, end);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(part));
            hashes.add(hash);
            Files.write(dist.resolve(hash), part);
            check.write(part);
            chunks.append(chunks.length() == 0 ? "" : ",").append("{\"hash\":\"").append(hash)
                    .append("\",\"offsets\":[").append(start).append(',').append(end).append("]}");
        }
        assertArrayEquals(model, check.toByteArray());
        Files.writeString(pkg.resolve(ChunkedResources.INDEX), "{\"/models/small\":{\"chunks\":[],\"size\":0},"
                + "\"/models/medium\":{\"chunks\":[" + chunks + "],\"size\":25,\"mime\":\"application/octet-steam\"}}");
        return pkg;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
