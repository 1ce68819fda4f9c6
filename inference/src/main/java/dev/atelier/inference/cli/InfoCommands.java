package dev.atelier.inference.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.PanelListing;
import dev.atelier.core.client.RemotePanel;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.panel.PanelJson;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code atelier panels}, {@code status} and {@code stop}. */
final class InfoCommands {

    private InfoCommands() {}

    static int panels(List<String> argv, PrintStream out) throws UsageException, AtelierException {
        return panels(argv, out, System.err);
    }

    /**
     * Prints every panel's descriptor, Apps after the built-ins, as a JSON array on {@code out}; each workflow
     * file the daemon could not use goes to {@code err} with its error, so {@code out} stays JSON.
     */
    static int panels(List<String> argv, PrintStream out, PrintStream err) throws UsageException, AtelierException {
        Args.parse(argv, Set.of(), Set.of());
        try (DaemonClient client = ClientFactory.connect(true)) {
            JsonArray all = new JsonArray();
            PanelListing listing = client.listing();
            for (RemotePanel p : listing.panels()) {
                JsonObject json = PanelJson.toJson(p.descriptor());
                json.addProperty("available", p.available());
                p.unavailableReason().ifPresent(r -> json.addProperty("unavailableReason", r));
                all.add(json);
            }
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(all));
            for (PanelListing.BrokenWorkflow b : listing.brokenWorkflows()) {
                err.println("atelier: workflow file " + b.file() + " not used: " + b.error());
            }
        }
        return 0;
    }

    static int status(List<String> argv, PrintStream out) throws UsageException, AtelierException {
        Args.parse(argv, Set.of(), Set.of());
        try (DaemonClient client = ClientFactory.connect(false)) {
            JsonObject s = client.status();
            out.printf("daemon   atelier %s, pid %s, up %d s, socket %s%n", s.get("version").getAsString(),
                    s.get("pid").getAsString(), s.get("uptimeMs").getAsLong() / 1000, s.get("socket").getAsString());
            for (JsonElement e : s.getAsJsonArray("engines")) {
                JsonObject en = e.getAsJsonObject();
                out.printf("engine   %-10s %-8s %s: %s%s%n", en.get("id").getAsString(), en.get("state").getAsString(),
                        en.get("name").getAsString(), join(en.getAsJsonArray("operations")),
                        en.has("error") ? "  ERROR " + en.get("error").getAsString() : "");
            }
            JsonArray models = s.getAsJsonArray("models");
            if (models.isEmpty()) {
                out.println("models   none installed");
            }
            for (JsonElement e : models) {
                JsonObject m = e.getAsJsonObject();
                out.printf("model    %-26s %-18s %-11s %-10s %s%s%n", m.get("id").getAsString(), text(m, "task"),
                        text(m, "format"), text(m, "engine"), m.get("state").getAsString(),
                        m.has("error") ? "  " + m.get("error").getAsString() : "");
            }
            JsonObject q = s.getAsJsonObject("queue");
            out.printf("queue    %d queued, %d running, %d done, %d failed, %d cancelled%n", q.get("queued").getAsInt(),
                    q.get("running").getAsInt(), q.get("done").getAsInt(), q.get("failed").getAsInt(),
                    q.get("cancelled").getAsInt());
        }
        return 0;
    }

    static int stop(List<String> argv, PrintStream out) throws UsageException {
        Args.parse(argv, Set.of(), Set.of());
        try (DaemonClient client = ClientFactory.connect(false)) {
            client.shutdown();
            out.println("daemon stopped");
        } catch (AtelierException e) {
            out.println("no daemon running");
        }
        return 0;
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : "?";
    }

    private static String join(JsonArray a) {
        StringBuilder sb = new StringBuilder();
        for (JsonElement e : a) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getAsString());
        }
        return sb.toString();
    }
}
