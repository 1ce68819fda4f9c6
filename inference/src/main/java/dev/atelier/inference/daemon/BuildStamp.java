package dev.atelier.inference.daemon;

import java.io.File;
import java.net.URISyntaxException;

/**
 * Identifies the build this process runs from (the jar's size and modification time), so a CLI can tell that
 * the daemon it reached was started from an older build still loaded in memory — e.g. after an upgrade.
 */
public final class BuildStamp {

    private static final String CURRENT = compute();

    private BuildStamp() {}

    public static String current() {
        return CURRENT;
    }

    private static String compute() {
        try {
            File code = new File(BuildStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.length() + "-" + code.lastModified();
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
