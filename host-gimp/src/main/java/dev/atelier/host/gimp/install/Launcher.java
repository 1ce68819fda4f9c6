package dev.atelier.host.gimp.install;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The launcher script GIMP runs: preloads libjsig, then starts the plug-in's JVM. */
public final class Launcher {

    /** The plug-in's main class. */
    public static final String MAIN_CLASS = "dev.atelier.host.gimp.GimpPlugin";
    /** JVM options for a short-lived call: fast start beats peak speed (the daemon does the heavy work). */
    public static final String JVM_OPTIONS = "-Xshare:auto -XX:TieredStopAtLevel=1";

    private Launcher() {}

    /**
     * Returns the JDK's {@code libjsig.so} for a {@code <jdk>/bin/java}: {@code <jdk>/lib/libjsig.so} (JDK 9+), or
     * {@code <jdk>/lib/server/libjsig.so}.
     */
    public static Optional<Path> libjsig(Path java) {
        Path bin = java.getParent();
        if (bin == null || bin.getParent() == null) {
            return Optional.empty();
        }
        Path jdk = bin.getParent();
        for (Path candidate : List.of(jdk.resolve("lib").resolve("libjsig.so"),
                jdk.resolve("lib").resolve("server").resolve("libjsig.so"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the script text. GIMP installs its own handlers for SIGSEGV and friends in {@code gimp_main}, which
     * HotSpot also uses (implicit null checks, safepoints); libjsig chains them, without it a busy call crashes.
     * The class path lists the jars one by one (not {@code lib/*}) so that the class-data archive matches it.
     */
    public static String script(Path java, Optional<Path> libjsig, List<Path> classPath, Path archive) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# Atelier for GIMP 2.10 — written by 'atelier install --host gimp'; reinstall to change it.\n");
        s.append("# GIMP runs: atelier -gimp READ_FD WRITE_FD -query|-init|-run STACK_MODE\n");
        s.append("JAVA=").append(quote(java.toString())).append('\n');
        s.append("CP=").append(quote(classPath(classPath))).append('\n');
        s.append("ARCHIVE=").append(quote(archive.toString())).append('\n');
        libjsig.ifPresent(j -> s.append("LD_PRELOAD=").append(quote(j.toString()))
                .append("\"${LD_PRELOAD:+:$LD_PRELOAD}\"\nexport LD_PRELOAD\n"));
        String run = " -cp \"$CP\" " + MAIN_CLASS + " \"$0\" \"$@\"\n";
        s.append("if [ -f \"$ARCHIVE\" ]; then\n");
        s.append("  exec \"$JAVA\" ").append(JVM_OPTIONS).append(" \"-XX:SharedArchiveFile=$ARCHIVE\"").append(run);
        s.append("fi\n");
        s.append("exec \"$JAVA\" ").append(JVM_OPTIONS).append(run);
        return s.toString();
    }

    static String classPath(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Single-quotes a word for sh ({@code '} becomes {@code '\''}). */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
