package dev.atelier.host.gimp.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void libjsigComesFromTheJdkOfTheJavaCommand() throws Exception {
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.createDirectories(jdk.resolve("lib"));
        assertEquals(Optional.empty(), Launcher.libjsig(jdk.resolve("bin/java")));
        Files.createDirectories(jdk.resolve("lib/server"));
        Files.writeString(jdk.resolve("lib/server/libjsig.so"), "");
        assertEquals(Optional.of(jdk.resolve("lib/server/libjsig.so")), Launcher.libjsig(jdk.resolve("bin/java")));
        Files.writeString(jdk.resolve("lib/libjsig.so"), "");
        assertEquals(Optional.of(jdk.resolve("lib/libjsig.so")), Launcher.libjsig(jdk.resolve("bin/java")));
    }

    @Test
    void theRunningJdkHasLibjsig() {
        Path java = GimpInstaller.javaCommand();
        assertTrue(Launcher.libjsig(java).isPresent(), "no libjsig.so in the JDK of " + java);
    }

    @Test
    void scriptPreloadsLibjsigAndPassesItsOwnPathFirst() {
        String s = Launcher.script(Path.of("/opt/jdk 17/bin/java"), Optional.of(Path.of("/opt/jdk 17/lib/libjsig.so")),
                List.of(Path.of("/p/lib/a.jar"), Path.of("/p/lib/it's.jar")), Path.of("/p/atelier.jsa"));
        assertTrue(s.startsWith("#!/bin/sh\n"));
        assertTrue(s.contains("JAVA='/opt/jdk 17/bin/java'\n"), s);
        assertTrue(s.contains("LD_PRELOAD='/opt/jdk 17/lib/libjsig.so'\"${LD_PRELOAD:+:$LD_PRELOAD}\"\n"), s);
        assertTrue(s.contains("export LD_PRELOAD\n"), s);
        assertTrue(s.contains("CP='/p/lib/a.jar:/p/lib/it'\\''s.jar'\n"), s);
        assertTrue(s.contains("\"-XX:SharedArchiveFile=$ARCHIVE\""), s);
        assertTrue(s.contains("-Xshare:auto -XX:TieredStopAtLevel=1"), s);
        assertTrue(s.contains("dev.atelier.host.gimp.GimpPlugin \"$0\" \"$@\"\n"), s);
    }

    @Test
    void scriptWithoutLibjsigDoesNotTouchLdPreload() {
        String s = Launcher.script(Path.of("/j/bin/java"), Optional.empty(), List.of(Path.of("/a.jar")),
                Path.of("/x.jsa"));
        assertFalse(s.contains("LD_PRELOAD"), s);
    }

    @Test
    void scriptRunsInShWithArgumentsIntact() throws Exception {
        // A fake "java" that prints its arguments and LD_PRELOAD, one per line.
        Path java = dir.resolve("j d k/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"PRELOAD=$LD_PRELOAD\"\nfor a in \"$@\"; do echo \"$a\"; done\n");
        java.toFile().setExecutable(true);
        Path archive = dir.resolve("a.jsa");
        Path script = dir.resolve("atelier");
        Path jsig = Launcher.libjsig(GimpInstaller.javaCommand()).orElseThrow();
        Files.writeString(script, Launcher.script(java, Optional.of(jsig),
                List.of(Path.of("/p/a b.jar")), archive));
        script.toFile().setExecutable(true);
        String out = run(script);
        assertTrue(out.startsWith("PRELOAD=" + jsig + "\n-Xshare:auto\n-XX:TieredStopAtLevel=1\n-cp\n/p/a b.jar\n"
                + "dev.atelier.host.gimp.GimpPlugin\n" + script + "\n-gimp\n7\n6\n-query\n0\n"), out);
        Files.writeString(archive, "");
        assertTrue(run(script).contains("\n-XX:SharedArchiveFile=" + archive + "\n"));
    }

    private static String run(Path script) throws Exception {
        Process p = new ProcessBuilder(script.toString(), "-gimp", "7", "6", "-query", "0").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }
}
