package dev.atelier.host.krita;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.testkit.HostTools;
import dev.atelier.testkit.LogTail;
import dev.atelier.testkit.Requirements;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker in the real Krita GUI under Xvfb. The plug-in's self-test mode ({@code ATELIER_KRITA_SELFTEST},
 * see atelier/selftest.py) opens a document, shows the docker, selects the Detect tab and clicks its Generate
 * button; this test waits for its report, takes a screenshot ({@code target/screenshots/krita-docker.png}) and
 * then lets it quit through Krita's file_quit action.
 */
class KritaDockerGuiTest {

    @TempDir
    Path dir;
    private DaemonFixture daemon;
    private Process xvfb;
    private Process krita;

    @AfterEach
    void tearDown() {
        if (krita != null && krita.isAlive()) {
            krita.destroyForcibly();
        }
        if (xvfb != null) {
            xvfb.destroy();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void detectFromTheDockerAddsALayer() throws Exception {
        Requirements.host("krita GUI", RealKrita.present() && HostTools.onPath("Xvfb").isPresent()
                && HostTools.onPath("import").isPresent(), RealKrita.HOW_TO_INSTALL + " xvfb imagemagick");
        daemon = new DaemonFixture(dir.resolve("daemon"));
        RealKrita user = RealKrita.install(dir.resolve("user"), daemon.socket());
        Path out = Files.createDirectories(dir.resolve("out"));
        Path report = out.resolve("report.json");
        Path quit = out.resolve("quit");
        Path config = dir.resolve("selftest.json");
        Files.writeString(config, "{\"panel\": \"detect\", \"width\": 96, \"height\": 64, \"report\": \"" + report
                + "\", \"quitFile\": \"" + quit + "\", \"timeoutMs\": 40000}");

        xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))
                .readLine().trim();

        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", "75", "krita", "--nosplash"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("krita.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(user.environment(java.util.Map.of("DISPLAY", display,
                "ATELIER_KRITA_SELFTEST", config.toString())));
        pb.environment().remove("QT_QPA_PLATFORM");
        krita = pb.start();
        while (!Files.isRegularFile(report) && krita.isAlive()) {
            Thread.sleep(200);
        }
        double reportedAfter = (System.nanoTime() - t0) / 1e9;
        assertTrue(Files.isRegularFile(report), "no report from Krita:\n" + LogTail.of(log()));
        JsonObject r = JsonParser.parseString(Files.readString(report)).getAsJsonObject();

        Path shot = Path.of("target/screenshots/krita-docker.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        if (r.get("ok").getAsBoolean()) {
            Thread.sleep(700); // let the canvas repaint the new layer
            Process p = new ProcessBuilder("import", "-display", display, "-window", "root", shot.toString())
                    .redirectErrorStream(true).start();
            String importOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, importOut);
        }
        Files.writeString(quit, "");
        assertTrue(krita.waitFor(40, TimeUnit.SECONDS), "Krita did not quit:\n" + LogTail.of(log()));
        System.out.printf("[host-krita gui] report after %.1f s, Krita quit after %.1f s (exit %d)%n", reportedAfter,
                (System.nanoTime() - t0) / 1e9, krita.exitValue());

        assertTrue(r.get("ok").getAsBoolean(), r + "\n" + LogTail.of(log()));
        assertEquals("Detect", r.get("currentTab").getAsString());
        assertEquals("[\"Img2Img\",\"Retouch\",\"Expand\",\"Upscale\",\"Remove background\",\"Detect\",\"Prep for 3D\"]",
                r.get("tabs").toString());
        com.google.gson.JsonArray unavailable = new com.google.gson.JsonArray();
        for (dev.atelier.core.client.RemotePanel p : daemon.client().panels()) {
            if (!p.available()) {
                unavailable.add(p.descriptor().title());
            }
        }
        assertEquals(unavailable, r.get("disabledTabs"), r.toString());
        assertTrue(unavailable.size() > 0, "some panel has no engine in this daemon");
        assertEquals(r.get("layersBefore").getAsInt() + 1, r.get("layersAfter").getAsInt(), r.toString());
        assertEquals("Atelier Detect", r.get("newLayer").getAsString());
        assertEquals("[0,0,96,64]", r.get("bounds").toString());
        assertEquals("[96,64]", r.get("documentSize").toString());
        assertEquals(1, r.get("history").getAsInt());
        assertTrue(r.get("dockerVisible").getAsBoolean());
        assertTrue(r.get("status").getAsString().startsWith("Added layer 'Atelier Detect'"), r.toString());
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
        assertEquals(0, krita.exitValue(), LogTail.of(log()));
    }

    private String log() throws java.io.IOException {
        return Files.readString(dir.resolve("krita.log"), StandardCharsets.UTF_8);
    }
}
