package dev.atelier.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A workflow file published as an App, for the hosts' end-to-end tests: it runs on the classical engine alone. */
public final class AppWorkflows {

    /** The App's id, which hosts submit as the operation. */
    public static final String EDGES_ID = "edges-2x";

    /**
     * Upscale (Precise, factor exposed) then a Canny edge map (high 200, low threshold exposed as "Edge threshold",
     * 10..150): the result is the source's size times the factor, at (0, 0) of the upscaled canvas.
     */
    public static final String EDGES = """
            {"format": 1, "id": "edges-2x", "title": "Edges 2x", "description": "Upscale, then an edge map.",
             "inputs": [{"id": "image", "type": "image"}],
             "nodes": [
               {"id": "up", "operation": "upscale", "params": {"factor": "2", "preset": "precise"}},
               {"id": "edges", "operation": "detect", "params": {"mode": "canny", "low": 100, "high": 200}}],
             "edges": [{"from": "inputs.image", "to": "up.image"}, {"from": "up.image", "to": "edges.image"}],
             "parameters": [
               {"id": "factor", "node": "up", "param": "factor"},
               {"id": "low", "node": "edges", "param": "low", "label": "Edge threshold", "min": 10, "max": 150}],
             "outputs": [{"id": "map", "from": "edges.image"}]}
            """;

    private AppWorkflows() {}

    /** Writes {@link #EDGES} as {@code edges-2x.json} into a new folder {@code studio} under {@code dir}. */
    public static Path studioFolder(Path dir) throws IOException {
        Path studio = Files.createDirectories(dir.resolve("studio-workflows"));
        Files.writeString(studio.resolve(EDGES_ID + ".json"), EDGES);
        return studio;
    }
}
