package dev.atelier.host.gimp;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.atelier.core.client.ClientOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The plug-in's settings, {@value #FILE_NAME} next to the plug-in's launcher, written by the installer:
 * {@code daemon.command} (a JSON array of strings, the command that runs the daemon in the foreground; empty or
 * absent = never start one) and {@code socket} (optional; default: the usual socket path).
 */
public record PluginConfig(List<String> daemonCommand, Optional<Path> socket) {

    public static final String FILE_NAME = "atelier-gimp.properties";
    public static final String DAEMON_COMMAND = "daemon.command";
    public static final String SOCKET = "socket";

    public PluginConfig {
        daemonCommand = List.copyOf(daemonCommand);
    }

    /** Reads the settings in {@code dir}; a missing file gives the defaults. */
    public static PluginConfig read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new PluginConfig(List.of(), Optional.empty());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<String> command = new ArrayList<>();
        String raw = p.getProperty(DAEMON_COMMAND, "").trim();
        if (!raw.isEmpty()) {
            try {
                JsonArray a = JsonParser.parseString(raw).getAsJsonArray();
                a.forEach(e -> command.add(e.getAsString()));
            } catch (RuntimeException e) {
                throw new IOException(file + ": " + DAEMON_COMMAND + " must be a JSON array of strings", e);
            }
        }
        String socket = p.getProperty(SOCKET, "").trim();
        return new PluginConfig(command, socket.isEmpty() ? Optional.empty() : Optional.of(Path.of(socket)));
    }

    /** Returns the file's text for these settings. */
    public String toText() {
        JsonArray a = new JsonArray();
        daemonCommand.forEach(a::add);
        Properties p = new Properties();
        p.setProperty(DAEMON_COMMAND, a.toString());
        socket.ifPresent(s -> p.setProperty(SOCKET, s.toString()));
        StringBuilder out = new StringBuilder("# Atelier GIMP plug-in settings, written by 'atelier install --host gimp'.\n");
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            p.store(w, null);
            w.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> out.append(l).append('\n'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Returns the client options: the socket and, when set, the launcher that starts the daemon. */
    public ClientOptions clientOptions() {
        ClientOptions.Builder b = ClientOptions.builder().optClientName("atelier-gimp").optLauncher(daemonCommand);
        socket.ifPresent(b::setSocket);
        return b.build();
    }
}
