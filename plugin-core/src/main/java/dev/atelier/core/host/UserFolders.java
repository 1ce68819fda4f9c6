package dev.atelier.core.host;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where a platform keeps a user's application folders, for finding a host's default install location.
 *
 * @param osName as {@code os.name} says it ({@code Linux}, {@code Mac OS X}, {@code Windows 11})
 * @param env the environment ({@code APPDATA}, {@code XDG_CONFIG_HOME}, …)
 * @param userHome the user's home folder
 */
public record UserFolders(String osName, Function<String, String> env, Path userHome) {

    /** This machine's. */
    public static UserFolders current() {
        return new UserFolders(System.getProperty("os.name"), System::getenv, Path.of(System.getProperty("user.home")));
    }

    public boolean windows() {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public boolean mac() {
        return osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** Where applications keep a user's settings: roaming AppData, Application Support, or the XDG config home. */
    public Path configFolder() {
        return windows() ? roamingAppData() : mac() ? applicationSupport() : xdgConfigHome();
    }

    /** Where applications keep a user's data: roaming AppData, Application Support, or the XDG data home. */
    public Path dataFolder() {
        return windows() ? roamingAppData() : mac() ? applicationSupport() : xdgDataHome();
    }

    /** Where applications keep re-creatable files: local AppData, ~/Library/Caches, or the XDG cache home. */
    public Path cacheFolder() {
        return windows() ? localAppData() : mac() ? userHome.resolve("Library").resolve("Caches")
                : variable("XDG_CACHE_HOME", true, userHome.resolve(".cache"));
    }

    /** Windows' roaming application data: {@code APPDATA}, else {@code ~/AppData/Roaming}. */
    public Path roamingAppData() {
        return variable("APPDATA", false, userHome.resolve("AppData").resolve("Roaming"));
    }

    /** Windows' local application data: {@code LOCALAPPDATA}, else {@code ~/AppData/Local}. */
    public Path localAppData() {
        return variable("LOCALAPPDATA", false, userHome.resolve("AppData").resolve("Local"));
    }

    /** macOS's {@code ~/Library/Application Support}. */
    public Path applicationSupport() {
        return userHome.resolve("Library").resolve("Application Support");
    }

    /** {@code XDG_CONFIG_HOME} when absolute, else {@code ~/.config}. */
    public Path xdgConfigHome() {
        return variable("XDG_CONFIG_HOME", true, userHome.resolve(".config"));
    }

    /** {@code XDG_DATA_HOME} when absolute, else {@code ~/.local/share}. */
    public Path xdgDataHome() {
        return variable("XDG_DATA_HOME", true, userHome.resolve(".local").resolve("share"));
    }

    private Path variable(String name, boolean mustBeAbsolute, Path fallback) {
        String v = env.apply(name);
        if (v == null || v.isBlank() || (mustBeAbsolute && !Path.of(v).isAbsolute())) {
            return fallback;
        }
        return Path.of(v);
    }
}
