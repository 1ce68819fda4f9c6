package dev.atelier.inference.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.host.UserFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @TempDir
    Path dir;

    static ModelManifest draft(String id) {
        return new ModelManifest(id, "upscale", "onnx", "onnx", List.of(), "MIT", "test",
                new ModelManifest.Input("0..1", "NCHW", 2));
    }

    private Path source() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.write(src.resolve("model.onnx"), new byte[] {0x08, 0x07, 1, 2, 3});
        Files.createDirectories(src.resolve("extra"));
        Files.writeString(src.resolve("extra/labels.txt"), "a\nb\n");
        return src;
    }

    private List<String> storeEntries(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void installsListsVerifiesAndRemoves() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        ModelManifest m = store.install(draft("m1"), source());
        assertEquals(List.of("extra/labels.txt", "model.onnx"), m.files().stream().map(ModelManifest.FileEntry::path)
                .toList());
        assertEquals(ModelStore.sha256(dir.resolve("src/model.onnx")), m.files().get(1).sha256());
        List<ModelStore.Installed> all = store.list();
        assertEquals(1, all.size());
        assertEquals(Optional.of(m), all.get(0).manifest());
        assertEquals(List.of(), store.verify("m1"));
        assertEquals(List.of(m), store.forTask("upscale"));
        store.remove("m1");
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), storeEntries(store.root()));
        assertEquals("model 'm1' is not installed in " + store.root() + " (see 'atelier models list')",
                assertThrows(ModelException.class, () -> store.remove("m1")).getMessage());
    }

    @Test
    void aFailureMidInstallLeavesNothingVisible() throws Exception {
        Path src = source();
        for (String failAt : List.of("copied extra/labels.txt", "manifest")) {
            ModelStore store = new ModelStore(dir.resolve("models"), (stage, folder) -> {
                if (stage.equals(failAt)) {
                    throw new IOException("disk full");
                }
            });
            assertThrows(IOException.class, () -> store.install(draft("m1"), src));
            assertEquals(List.of(), store.list(), failAt);
            assertEquals(List.of(), storeEntries(store.root()), failAt);
            assertTrue(store.find("m1").isEmpty());
        }
    }

    @Test
    void aCrashedInstallsLeftoverIsIgnoredAndCleaned() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        store.install(draft("m1"), source());
        // a process that died mid-install (pid that cannot be running) left its temp folder behind
        Path leftover = Files.createDirectories(store.root().resolve(".installing-m2-2147483646-abc"));
        Files.writeString(leftover.resolve("model.onnx"), "half");
        assertEquals(List.of("m1"), store.list().stream().map(ModelStore.Installed::id).toList());
        assertFalse(Files.exists(leftover));
    }

    @Test
    void wrongExpectedChecksumRefusesTheInstall() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        ModelManifest expecting = draft("m1").withFiles(List.of(new ModelManifest.FileEntry("model.onnx",
                "00".repeat(32), 5)));
        assertEquals("cannot install m1: model.onnx does not match its checksum (corrupt or incomplete download?)",
                assertThrows(ModelException.class, () -> store.install(expecting, source())).getMessage());
        assertEquals(List.of(), storeEntries(store.root()));
    }

    @Test
    void verifyCatchesAChangedByteAndAMissingFile() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        store.install(draft("m1"), source());
        Path onnx = store.folder("m1").resolve("model.onnx");
        byte[] b = Files.readAllBytes(onnx);
        b[3] ^= 1;
        Files.write(onnx, b);
        List<String> problems = store.verify("m1");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("model.onnx has changed (sha256 "), problems.get(0));
        Files.delete(store.folder("m1").resolve("extra/labels.txt"));
        assertEquals("extra/labels.txt is missing", store.verify("m1").get(0));
        assertEquals(Optional.of("extra/labels.txt is missing"), ModelStore.quickCheck(store.find("m1").orElseThrow()));
    }

    @Test
    void aReadOnlyStoreListsAndVerifiesButRefusesChanges() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        store.install(draft("m1"), source());
        Files.createFile(store.root().resolve(ModelStore.READ_ONLY_MARKER));
        assertTrue(store.readOnly());
        assertEquals(1, store.list().size());
        assertEquals(List.of(), store.verify("m1"));
        String suffix = ": the model store " + store.root() + " is read-only (shared); set ATELIER_MODELS to a"
                + " writable folder to manage your own models";
        assertEquals("cannot install m2" + suffix,
                assertThrows(ModelException.class, () -> store.install(draft("m2"), source())).getMessage());
        assertEquals("cannot remove m1" + suffix,
                assertThrows(ModelException.class, () -> store.remove("m1")).getMessage());
        assertTrue(store.find("m1").isPresent());
    }

    @Test
    void aBrokenManifestIsListedAsBroken() throws Exception {
        ModelStore store = new ModelStore(dir.resolve("models"));
        Files.createDirectories(store.folder("junk"));
        Files.writeString(store.folder("junk").resolve("manifest.json"), "{\"id\":\"junk\"}");
        ModelStore.Installed i = store.list().get(0);
        assertEquals(Optional.of("invalid manifest for 'junk': task is missing"), i.error());
        assertEquals(List.of("invalid manifest for 'junk': task is missing"), store.verify("junk"));
    }

    @Test
    void rootComesFromEnvironmentThenConfigThenDataFolder() {
        UserFolders linux = new UserFolders("Linux", Map.of("XDG_DATA_HOME", "/data")::get, Path.of("/home/u"));
        assertEquals(Path.of("/shared/models"), ModelStore.defaultRoot(Map.of("ATELIER_MODELS", "/shared/models")::get,
                Optional.of("/cfg"), linux));
        assertEquals(Path.of("/cfg"), ModelStore.defaultRoot(Map.<String, String>of()::get, Optional.of("/cfg"), linux));
        assertEquals(Path.of("/data/atelier/models"),
                ModelStore.defaultRoot(Map.<String, String>of()::get, Optional.empty(), linux));
        UserFolders noXdg = new UserFolders("Linux", Map.<String, String>of()::get, Path.of("/home/u"));
        assertEquals(Path.of("/home/u/.local/share/atelier/models"),
                ModelStore.defaultRoot(Map.<String, String>of()::get, Optional.empty(), noXdg));
    }
}
