package dev.atelier.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserFoldersTest {

    private static final Path HOME = Path.of("/home/ann");

    @Test
    void platforms() {
        assertTrue(new UserFolders("Windows 11", k -> null, HOME).windows());
        assertTrue(new UserFolders("Mac OS X", k -> null, HOME).mac());
        UserFolders linux = new UserFolders("Linux", k -> null, HOME);
        assertFalse(linux.windows() || linux.mac());
    }

    @Test
    void fallbacksWithoutVariables() {
        UserFolders u = new UserFolders("Linux", k -> null, HOME);
        assertEquals(HOME.resolve(".config"), u.xdgConfigHome());
        assertEquals(HOME.resolve(".local/share"), u.xdgDataHome());
        assertEquals(HOME.resolve("AppData/Roaming"), u.roamingAppData());
        assertEquals(HOME.resolve("AppData/Local"), u.localAppData());
        assertEquals(HOME.resolve("Library/Application Support"), u.applicationSupport());
    }

    @Test
    void variablesWinWhenUsable() {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", "/xdg", "XDG_DATA_HOME", "relative", "APPDATA", "roam",
                "LOCALAPPDATA", " ");
        UserFolders u = new UserFolders("Linux", env::get, HOME);
        assertEquals(Path.of("/xdg"), u.xdgConfigHome());
        assertEquals(HOME.resolve(".local/share"), u.xdgDataHome(), "XDG paths must be absolute");
        assertEquals(Path.of("roam"), u.roamingAppData(), "Windows' variables are taken as they are");
        assertEquals(HOME.resolve("AppData/Local"), u.localAppData(), "blank counts as unset");
    }

    @Test
    void configAndDataFoldersPerPlatform() {
        Map<String, String> env = Map.of("APPDATA", "/roam", "XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data");
        assertEquals(Path.of("/roam"), new UserFolders("Windows 10", env::get, HOME).configFolder());
        assertEquals(Path.of("/roam"), new UserFolders("Windows 10", env::get, HOME).dataFolder());
        assertEquals(HOME.resolve("Library/Application Support"), new UserFolders("Mac OS X", env::get, HOME).dataFolder());
        assertEquals(Path.of("/cfg"), new UserFolders("Linux", env::get, HOME).configFolder());
        assertEquals(Path.of("/data"), new UserFolders("Linux", env::get, HOME).dataFolder());
    }
}
