package dev.atelier.host.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.client.RemotePanel;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.testing.JavaProcess;
import dev.atelier.testkit.HostTools;
import dev.atelier.testkit.LogTail;
import dev.atelier.testkit.Requirements;
import dev.atelier.testkit.SeededImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidebar in the real Blender GUI under Xvfb. src/test/blender/atelier_gui.py (timers) turns the biggest area
 * into an Image Editor with a test image, opens the sidebar, clicks the "Atelier" tab, selects Upscale and invokes
 * atelier.run as the Run button does (modal, non-blocking); this test waits for its report, takes a screenshot
 * ({@code target/screenshots/blender-sidebar.png}) and lets it quit through {@code bpy.ops.wm.quit_blender()}.
 */
class BlenderSidebarGuiTest {

    @TempDir
    Path dir;
    private DaemonFixture daemon;
    private Process xvfb;
    private Process blender;

    @AfterEach
    void tearDown() {
        if (blender != null && blender.isAlive()) {
            blender.destroyForcibly();
        }
        if (xvfb != null) {
            xvfb.destroy();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void upscaleFromTheSidebarCreatesAndShowsANewImage() throws Exception {
        Requirements.host("blender GUI", RealBlender.present() && HostTools.onPath("Xvfb").isPresent()
                && HostTools.onPath("xdotool").isPresent() && HostTools.onPath("import").isPresent(),
                RealBlender.HOW_TO_INSTALL + " xvfb xdotool imagemagick");
        daemon = new DaemonFixture(dir.resolve("daemon"));
        RealBlender user = RealBlender.install(dir.resolve("user"), daemon.socket(), JavaProcess.cli());
        Path out = Files.createDirectories(dir.resolve("out"));
        Path report = out.resolve("report.json");
        Path quit = out.resolve("quit");
        Path image = out.resolve("image.rgba");
        Files.write(image, SeededImages.shapes(11, 256, 192).toByteArray());
        JsonObject cfg = new JsonObject();
        cfg.addProperty("report", report.toString());
        cfg.addProperty("quitFile", quit.toString());
        cfg.addProperty("image", image.toString());
        cfg.addProperty("width", 256);
        cfg.addProperty("height", 192);
        cfg.addProperty("panel", "upscale");
        cfg.addProperty("timeout", 35);
        Path config = dir.resolve("gui.json");
        Files.writeString(config, cfg.toString());

        xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))
                .readLine().trim();

        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", "60", "blender", "--factory-startup",
                "--addons", "atelier", "--python", Path.of("src/test/blender/atelier_gui.py").toAbsolutePath()
                        .toString(), "--", config.toString()));
        Path log = dir.resolve("blender.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(user.environment(Map.of("DISPLAY", display)));
        blender = pb.start();
        while (!Files.isRegularFile(report) && blender.isAlive()) {
            Thread.sleep(200);
        }
        double reportedAfter = (System.nanoTime() - t0) / 1e9;
        assertTrue(Files.isRegularFile(report), "no report from Blender:\n" + LogTail.of(log));
        JsonObject r = JsonParser.parseString(Files.readString(report)).getAsJsonObject();

        Path shot = Path.of("target/screenshots/blender-sidebar.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        if (r.get("ok").getAsBoolean()) {
            Thread.sleep(700); // let the editor repaint the new image
            Process p = new ProcessBuilder("import", "-display", display, "-window", "root", shot.toString())
                    .redirectErrorStream(true).start();
            String importOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, importOut);
        }
        Files.writeString(quit, "");
        assertTrue(blender.waitFor(30, TimeUnit.SECONDS), "Blender did not quit:\n" + LogTail.of(log));
        System.out.printf("[host-blender gui] report after %.1f s, Blender quit after %.1f s (exit %d)%n",
                reportedAfter, (System.nanoTime() - t0) / 1e9, blender.exitValue());

        assertTrue(r.get("ok").getAsBoolean(), r + "\n" + LogTail.of(log));
        assertEquals("[\"img2img\",\"retouch\",\"expand\",\"upscale\",\"remove-background\",\"detect\",\"prep-3d\"]",
                r.get("panels").toString());
        JsonArray unavailable = new JsonArray();
        for (RemotePanel p : daemon.client().panels()) {
            if (!p.available()) {
                unavailable.add(p.descriptor().id());
            }
        }
        assertEquals(unavailable, r.get("unavailable"), r.toString());
        assertEquals("[\"RUNNING_MODAL\"]", r.get("invoke").toString(), "the Run operator should not block");
        assertEquals(r.get("imagesBefore").getAsInt() + 1, r.get("imagesAfter").getAsInt(), r.toString());
        assertEquals("Atelier Upscale", r.get("shown").getAsString());
        assertEquals("[512,384]", r.get("shownSize").toString());
        assertTrue(r.get("sidebarDraws").getAsInt() > 0, r.toString());
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
        assertEquals(0, blender.exitValue(), LogTail.of(log));
    }
}
