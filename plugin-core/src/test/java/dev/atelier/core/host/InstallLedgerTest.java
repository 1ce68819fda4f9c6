package dev.atelier.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallLedgerTest {

    @TempDir
    Path dir;

    @Test
    void recordsWhatItWritesAndListsItRelativeToTheRoot() throws Exception {
        Path root = dir.resolve("root");
        Path plugin = root.resolve("plug");
        Path source = Files.writeString(dir.resolve("src.txt"), "s");
        InstallLedger ledger = new InstallLedger(root, plugin.resolve(InstallLedger.FILE_NAME));
        Path copied = ledger.copy(source, plugin.resolve("lib/a.txt"));
        Path written = ledger.write(root.resolve("scripts/b.txt"), "b");
        List<Path> all = ledger.commit("# header\n", List.of("@mark one"));
        assertEquals(List.of(copied, written, ledger.manifest()), all);
        assertEquals("s", Files.readString(copied));
        assertEquals("# header\nplug/lib/a.txt\nscripts/b.txt\n@mark one\n", Files.readString(ledger.manifest()));
    }

    @Test
    void writeManifestListsExtraFilesWithoutRecordingThem() throws Exception {
        InstallLedger ledger = new InstallLedger(dir, dir.resolve("m.txt"));
        ledger.write(dir.resolve("a"), "");
        ledger.writeManifest("#\n", List.of(dir.resolve("later")), List.of());
        assertEquals("#\na\nlater\n", Files.readString(dir.resolve("m.txt")));
        assertEquals(List.of(dir.resolve("a")), ledger.files());
    }

    @Test
    void copyAllKeepsTheRelativeLayout() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("pkg/sub"));
        Files.writeString(src.resolve("pkg/sub/x.py"), "x");
        InstallLedger ledger = new InstallLedger(dir, dir.resolve("m.txt"));
        List<Path> copied = ledger.copyAll(src, List.of(Path.of("pkg/sub/x.py")), dir.resolve("out"));
        assertEquals(List.of(dir.resolve("out/pkg/sub/x.py")), copied);
        assertEquals("x", Files.readString(copied.get(0)));
    }

    @Test
    void uninstallRemovesExactlyTheListedFilesAndPrunesEmptyFolders() throws Exception {
        Path root = dir.resolve("root");
        Path plugin = root.resolve("plug");
        InstallLedger ledger = new InstallLedger(root, plugin.resolve("installed.txt"));
        Path a = ledger.write(plugin.resolve("lib/a"), "a");
        Path b = ledger.write(plugin.resolve("keep/b"), "b");
        ledger.commit("# x\n", List.of("@thing /somewhere"));
        Path foreign = Files.writeString(plugin.resolve("keep/mine.txt"), "user's");
        Files.createDirectories(plugin.resolve("lib/__pycache__"));
        Files.writeString(plugin.resolve("lib/__pycache__/a.cpython-311.pyc"), "");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "o");
        Files.writeString(ledger.manifest(), Files.readString(ledger.manifest()) + "\n../outside.txt\n");

        InstallLedger.Removal r = InstallLedger.uninstall(root, ledger.manifest()).orElseThrow();
        assertEquals(List.of(a, b, ledger.manifest()), r.removed());
        assertEquals(List.of("@thing /somewhere"), r.marks());
        assertTrue(Files.exists(outside), "an entry outside the root is refused");
        assertTrue(Files.exists(foreign), "a file the ledger does not list stays");
        assertFalse(Files.exists(plugin.resolve("lib")), "emptied folders (and byte-code caches) go");
        assertTrue(Files.isDirectory(plugin.resolve("keep")));
        assertEquals(Optional.empty(), InstallLedger.uninstall(root, ledger.manifest()), "nothing installed");
    }
}
