package dev.atelier.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end of a host's log, short enough for an assertion message. */
public final class LogTail {

    static final int LIMIT = 6000;

    private LogTail() {}

    /** The last {@value #LIMIT} characters of {@code s}, marked with "…" when cut. */
    public static String of(String s) {
        return s.length() > LIMIT ? "…" + s.substring(s.length() - LIMIT) : s;
    }

    /** The end of the log file (UTF-8). */
    public static String of(Path log) throws IOException {
        return of(Files.readString(log, StandardCharsets.UTF_8));
    }
}
