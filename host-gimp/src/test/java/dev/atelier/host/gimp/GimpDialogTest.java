package dev.atelier.host.gimp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.daemon.Daemon;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import dev.atelier.testkit.HostTools;
import dev.atelier.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one interactive run: the GIMP GUI under Xvfb, Filters ▸ Atelier ▸ Detect… from the keyboard, the generated
 * Script-Fu dialog appears, OK is clicked, and the new layer arrives. The final screen is kept as a build
 * artifact in {@code host-gimp/target/screenshots/gimp-dialog.png}.
 */
class GimpDialogTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;
    private Daemon daemon;
    private Process xvfb;
    private Process gimp;
    private String display;

    @BeforeEach
    void setUp() throws Exception {
        boolean tools = RealGimp.gimp().isPresent() && HostTools.onPath("Xvfb").isPresent()
                && HostTools.onPath("xdotool").isPresent() && HostTools.onPath("import").isPresent();
        Requirements.host("gimp-gui", tools, "apt-get install gimp xvfb xdotool imagemagick");
        daemon = RealGimp.startAndInstall(dir, false, new ClassicalEngineProvider());
        stockMenus();
        display = ":" + (90 + (int) (ProcessHandle.current().pid() % 100));
        xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
    }

    /**
     * The test finds Atelier's submenu by its place at the bottom of Filters, so GIMP must show stock GIMP's menus:
     * the profile's gimprc limits plug-ins and scripts to those of Debian's gimp packages plus ours, leaving out
     * what other packages (the plug-in registry and G'MIC, which the fill benchmark installs) add to the shared
     * folders.
     */
    private void stockMenus() throws IOException, InterruptedException {
        Set<String> stockFiles = new java.util.HashSet<>();
        for (String pkg : List.of("gimp", "gimp-data")) {
            Process p = new ProcessBuilder("dpkg", "-L", pkg).redirectErrorStream(true).start();
            stockFiles.addAll(new String(p.getInputStream().readAllBytes()).lines().toList());
            p.waitFor(20, TimeUnit.SECONDS);
        }
        StringBuilder rc = new StringBuilder();
        for (String[] kind : new String[][] {{"plug-in-path", "/usr/lib/gimp/2.0/plug-ins", "plug-ins"},
                {"script-fu-path", "/usr/share/gimp/2.0/scripts", "scripts"}}) {
            if (!Files.isDirectory(Path.of(kind[1])) || stockFiles.stream().noneMatch(f -> f.startsWith(kind[1]))) {
                return; // not Debian's layout: leave GIMP's own search paths
            }
            Path stock = Files.createDirectories(dir.resolve("stock").resolve(kind[2]));
            try (var entries = Files.list(Path.of(kind[1]))) {
                for (Path e : (Iterable<Path>) entries::iterator) {
                    if (stockFiles.contains(e.toString())) {
                        Files.createSymbolicLink(stock.resolve(e.getFileName()), e);
                    }
                }
            }
            rc.append("(").append(kind[0]).append(" \"${gimp_dir}/").append(kind[2]).append(":").append(stock)
                    .append("\")\n");
        }
        Path gimprc = dir.resolve("config/GIMP/2.10/gimprc");
        Files.writeString(gimprc, (Files.exists(gimprc) ? Files.readString(gimprc) : "") + rc);
    }

    @AfterEach
    void tearDown() {
        if (gimp != null) {
            gimp.descendants().forEach(ProcessHandle::destroyForcibly);
            gimp.destroyForcibly();
        }
        if (xvfb != null) {
            xvfb.destroyForcibly();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void menuOpensTheDialogAndOkAddsTheLayer() throws Exception {
        Path log = dir.resolve("gimp.log");
        ProcessBuilder pb = new ProcessBuilder(RealGimp.gimp().orElseThrow().toString(), "--no-splash", "-b",
                "(let* ((image (car (gimp-image-new 320 240 RGB)))"
                        + " (layer (car (gimp-layer-new image 320 240 RGBA-IMAGE \"base\" 100 LAYER-MODE-NORMAL))))"
                        + " (gimp-image-insert-layer image layer 0 -1) (gimp-drawable-fill layer FILL-WHITE)"
                        + " (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 80 60 160 120)"
                        + " (gimp-context-set-foreground '(40 60 200)) (gimp-drawable-edit-fill layer FILL-FOREGROUND)"
                        + " (gimp-selection-none image) (gimp-display-new image))")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", display);
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().put("ATELIER_GIMP_TRACE", "1"); // the plug-in logs "layer inserted" when done
        gimp = pb.start();
        Files.createDirectories(SCREENSHOTS);
        try {
            waitFor(() -> !xdo("search", "--name", "GNU Image Manipulation Program").isBlank(), 60, "GIMP window");
            waitFor(() -> Files.readString(log).contains("batch command executed successfully"), 30, "image");
            // Filters (Alt+R); from the bottom: Goat-exercise, Script-Fu, Atelier; Right opens it on Detect…
            xdo("key", "alt+r");
            Thread.sleep(800);
            xdo("key", "Up", "Up", "Up", "Right");
            Thread.sleep(500);
            screenshot("gimp-dialog-menu.png");
            xdo("key", "Return");
            waitFor(() -> !xdo("search", "--name", "Script-Fu: Detect").isBlank(), 30, "the Detect dialog");
            screenshot("gimp-dialog-open.png");
            String window = xdo("search", "--name", "Script-Fu: Detect").lines().findFirst().orElseThrow();
            String geometry = xdo("getwindowgeometry", window);
            int[] pos = numbers(geometry, "Position:");
            int[] size = numbers(geometry, "Geometry:");
            // OK is the dialog's bottom-right button (GIMP's button order: Help, Reset, Cancel, OK).
            xdo("mousemove", Integer.toString(pos[0] + size[0] - 55), Integer.toString(pos[1] + size[1] - 28),
                    "click", "1");
            waitFor(() -> Files.readString(log).contains("layer inserted"), 60, "the new layer");
            Thread.sleep(1000); // let GIMP repaint the layers dock for the screenshot
        } finally {
            screenshot("gimp-dialog.png");
        }
        String out = Files.readString(log);
        assertTrue(out.contains("run plug-in-atelier-detect"), out);
        assertTrue(!out.contains("Plug-in crashed"), out);
    }

    private void screenshot(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("import", "-display", display, "-window", "root",
                SCREENSHOTS.resolve(name).toString()).redirectErrorStream(true).start();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    private String xdo(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("xdotool"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue() == 0 ? out.strip() : "";
    }

    /** A condition polled every 200 ms: there is nothing to block on in another process's X windows. */
    private interface Check {
        boolean ok() throws Exception;
    }

    private void waitFor(Check check, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        screenshot("gimp-dialog-timeout.png");
        throw new AssertionError("waited " + seconds + " s for " + what + "; log:\n"
                + Files.readString(dir.resolve("gimp.log")));
    }

    private static int[] numbers(String text, String label) {
        String line = text.lines().filter(l -> l.strip().startsWith(label)).findFirst().orElseThrow();
        String[] parts = line.replaceAll("[^0-9,x]", " ").trim().split("[ ,x]+");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }
}
