package dev.atelier.inference.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.panel.BuiltInPanels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code atelier run prep-3d --input DIR --output DIR}: every view in the folder through Prep for 3D, then a grid
 * sheet of all views and {@code manifest.json} (view name, camera azimuth/elevation, source, crop box, scale) —
 * the package image-to-3D tools take. Camera angles come from {@code views.json} beside the renders (written by the
 * Blender add-on) or, failing that, from view names such as {@code front} or {@code left}.
 */
final class Prep3dFolder {

    /** Azimuth, elevation in degrees for the view names the Blender add-on uses. */
    private static final Map<String, double[]> KNOWN = Map.of("front", new double[] {0, 0},
            "right", new double[] {90, 0}, "back", new double[] {180, 0}, "left", new double[] {270, 0},
            "top", new double[] {0, 90}, "three-quarter", new double[] {45, 20});

    private Prep3dFolder() {}

    /** One input view. */
    private record View(String name, Path file, JsonElement azimuth, JsonElement elevation) {}

    static int run(Path input, Path output, Map<String, JsonElement> params, DaemonClient client, PrintStream out,
            PrintStream err) throws UsageException, AtelierException, IOException {
        Prep3dRequest request = (Prep3dRequest) BuiltInPanels.byId("prep-3d").orElseThrow().bind(params);
        List<View> views = views(input);
        if (views.isEmpty()) {
            throw new UsageException("no PNG views in " + input);
        }
        Files.createDirectories(output);
        JsonArray entries = new JsonArray();
        List<Raster> prepared = new ArrayList<>();
        for (View v : views) {
            ProgressBar bar = new ProgressBar(err, "prep-3d " + v.name());
            Submission.Builder s = Submission.builder().setOperation("prep-3d")
                    .setImage(RunCommand.readImage(v.file(), "view"));
            params.forEach(s::optParam);
            OperationResult r = client.run(s.build(), bar);
            bar.finish();
            String file = v.name() + ".png";
            Png.write(r.image(), output.resolve(file));
            prepared.add(r.image());
            JsonObject e = new JsonObject();
            e.addProperty("name", v.name());
            e.addProperty("file", file);
            e.addProperty("source", v.file().toAbsolutePath().toString());
            e.add("azimuth", v.azimuth());
            e.add("elevation", v.elevation());
            JsonObject crop = new JsonObject();
            crop.addProperty("x", Integer.parseInt(r.metadata().get("cropX")));
            crop.addProperty("y", Integer.parseInt(r.metadata().get("cropY")));
            crop.addProperty("width", Integer.parseInt(r.metadata().get("cropWidth")));
            crop.addProperty("height", Integer.parseInt(r.metadata().get("cropHeight")));
            e.add("crop", crop);
            e.addProperty("scale", Double.parseDouble(r.metadata().get("scale")));
            entries.add(e);
            out.printf("  %-16s -> %s%n", v.name(), output.resolve(file));
        }
        Png.write(sheet(prepared, request.size(), request.background().rgba()), output.resolve("sheet.png"));
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", 1);
        manifest.addProperty("size", request.size());
        manifest.addProperty("margin", request.marginPercent());
        manifest.addProperty("background", request.background().id());
        manifest.addProperty("sheet", "sheet.png");
        manifest.add("views", entries);
        Path tmp = output.resolve(".manifest.json.part");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(manifest)
                + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, output.resolve("manifest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        out.printf("prep-3d: %d view(s) -> %s (manifest.json, sheet.png)%n", views.size(), output);
        return 0;
    }

    /** Lays the views out in a grid of ceil(sqrt(n)) columns, one {@code size}-square cell each. */
    static Raster sheet(List<Raster> views, int size, int background) {
        int cols = (int) Math.ceil(Math.sqrt(views.size()));
        int rows = (views.size() + cols - 1) / cols;
        int w = cols * size;
        byte[] out = Raster.filled(w, rows * size, background).toByteArray();
        byte[] row = new byte[4 * size];
        for (int i = 0; i < views.size(); i++) {
            Raster v = views.get(i);
            int ox = (i % cols) * size;
            int oy = (i / cols) * size;
            for (int y = 0; y < Math.min(size, v.height()); y++) {
                v.readRow(y, 0, Math.min(size, v.width()), row, 0);
                System.arraycopy(row, 0, out, 4 * ((oy + y) * w + ox), 4 * Math.min(size, v.width()));
            }
        }
        return Raster.wrap(w, rows * size, out);
    }

    private static List<View> views(Path input) throws IOException, UsageException {
        Path sidecar = input.resolve("views.json");
        List<View> views = new ArrayList<>();
        if (Files.exists(sidecar)) {
            JsonObject json;
            try {
                json = JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new UsageException("cannot read " + sidecar + ": " + e.getMessage());
            }
            for (JsonElement el : json.getAsJsonArray("views")) {
                JsonObject v = el.getAsJsonObject();
                String file = v.get("file").getAsString();
                String name = v.has("name") ? v.get("name").getAsString() : stem(file);
                views.add(new View(name, input.resolve(file), angle(v, "azimuth", name, 0),
                        angle(v, "elevation", name, 1)));
            }
            return views;
        }
        try (Stream<Path> files = Files.list(input)) {
            for (Path f : files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png")).sorted()
                    .toList()) {
                String name = stem(f.getFileName().toString());
                views.add(new View(name, f, guess(name, 0), guess(name, 1)));
            }
        }
        return views;
    }

    private static JsonElement angle(JsonObject v, String key, String name, int index) {
        return v.has(key) ? v.get(key) : guess(name, index);
    }

    private static JsonElement guess(String name, int index) {
        double[] a = KNOWN.get(name.toLowerCase());
        return a == null ? com.google.gson.JsonNull.INSTANCE : new JsonPrimitive(a[index]);
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
