package dev.atelier.core.host;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code settings.json} a Python host adapter reads: {@code daemon_command} first, the host's own keys, then
 * {@code socket} when one is given; pretty-printed, no HTML escaping, a final newline.
 */
public final class SettingsJson {

    private final JsonObject o = new JsonObject();

    private SettingsJson(List<String> daemonCommand) {
        o.add("daemon_command", array(daemonCommand));
    }

    /** Settings starting with the command that runs the daemon in the foreground. */
    public static SettingsJson daemonCommand(List<String> daemonCommand) {
        return new SettingsJson(daemonCommand);
    }

    /** Adds {@code key}: a command line, as one string when it is a single word, else as an array. */
    public SettingsJson command(String key, List<String> argv) {
        if (argv.size() == 1) {
            o.addProperty(key, argv.get(0));
        } else {
            o.add(key, array(argv));
        }
        return this;
    }

    /** The JSON text, with {@code "socket"} (absolute) last when given. */
    public String text(Optional<Path> socket) {
        JsonObject out = o.deepCopy();
        socket.ifPresent(s -> out.addProperty("socket", s.toAbsolutePath().toString()));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(out) + "\n";
    }

    private static JsonArray array(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}
