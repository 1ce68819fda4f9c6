package dev.atelier.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the real-host end-to-end tests share: their inputs, the daemon's own answer, and the script's report. */
public final class EndToEnd {

    private EndToEnd() {}

    /** {@code r} with every alpha set to 255 (hosts may premultiply or drop partly transparent pixels). */
    public static Raster opaque(Raster r) {
        byte[] b = r.toByteArray();
        for (int i = 3; i < b.length; i += 4) {
            b[i] = (byte) 255;
        }
        return Raster.wrap(r.width(), r.height(), b);
    }

    /** What the daemon gives for {@code op} on {@code image} with {@code params} (numbers as numbers), directly. */
    public static Raster daemonRun(DaemonClient c, String op, Raster image, Map<String, Object> params)
            throws Exception {
        Submission.Builder s = Submission.builder().setOperation(op).setImage(image);
        params.forEach((k, v) -> {
            if (v instanceof Number n) {
                s.optParam(k, n);
            } else {
                s.optParam(k, v.toString());
            }
        });
        return c.run(s.build(), null).image();
    }

    /**
     * The JSON report a host script wrote to {@code file}; fails ("no report from {@code from}") when there is
     * none, or when its {@code fatal} is not null, with {@code log} appended.
     */
    public static JsonObject report(Path file, String from, String log) throws Exception {
        assertTrue(Files.isRegularFile(file), "no report from " + from + ":\n" + log);
        JsonObject r = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertTrue(r.get("fatal").isJsonNull(), r.get("fatal") + "\n" + log);
        return r;
    }
}
