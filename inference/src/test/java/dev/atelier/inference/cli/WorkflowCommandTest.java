package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Png;
import dev.atelier.testkit.SeededImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atelier workflow}'s argument and workflow errors, all found before a daemon is contacted: one line each
 * (a line per problem for a bad workflow), exit 2, nothing written.
 */
class WorkflowCommandTest {

    private static final String EXAMPLES = Path.of("..", "examples", "workflows").toString();
    private static final String UPSCALE = EXAMPLES + "/batch-upscale.json";

    @TempDir
    Path dir;

    private String in;

    private record Result(int exit, String out, String err) {}

    @BeforeEach
    void image() throws Exception {
        Png.write(SeededImages.noise(1, 16, 16), dir.resolve("in.png"));
        in = dir.resolve("in.png").toString();
    }

    private static Result atelier(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AtelierCli.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsage(Result r, String message) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("atelier: " + message, r.err().strip());
    }

    @Test
    void validatePrintsOkAndTheNodeOrderOfEveryExample() {
        assertEquals(new Result(0, "OK batch-upscale: upscale\n", ""), atelier("workflow", "validate", UPSCALE));
        Result r = atelier("workflow", "validate", EXAMPLES + "/character-finish.json");
        assertEquals("OK character-finish: restyle -> retouch -> expand -> upscale", r.out().strip());
        r = atelier("workflow", "validate", EXAMPLES + "/prep-for-3d.json");
        assertEquals("OK prep-for-3d: cutout -> prep", r.out().strip());
    }

    @Test
    void validatePrintsEveryProblemOnItsOwnLine() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"format": 1, "id": "bad", "inputs": [{"id": "image", "type": "image"}],
                 "nodes": [{"id": "a", "operation": "sharpen", "params": {}},
                           {"id": "b", "operation": "upscale", "params": {"factor": "3"}}],
                 "edges": [{"from": "inputs.image", "to": "b.image"}],
                 "outputs": [{"id": "out", "from": "b.image"}]}""");
        Result r = atelier("workflow", "validate", bad.toString());
        assertEquals(2, r.exit());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(bad + ": node 'a', field 'operation': unknown operation 'sharpen'"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith(bad + ": node 'b', field 'factor': "), lines.get(1));
        assertEquals("", r.out());
    }

    @Test
    void invalidJsonIsOneProblem() throws Exception {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"format\": 1,");
        Result r = atelier("workflow", "validate", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith(bad + ": not valid JSON"), r.err());
    }

    @Test
    void argumentErrors() {
        assertUsage(atelier("workflow"), "workflow needs 'validate FILE' or 'run FILE --input FILE|DIR --output DIR'");
        assertUsage(atelier("workflow", "lint", UPSCALE), "unknown workflow command 'lint' (validate or run)");
        assertUsage(atelier("workflow", "validate"), "usage: atelier workflow validate FILE");
        assertUsage(atelier("workflow", "validate", "nope.json"), "workflow file nope.json does not exist");
        assertUsage(atelier("workflow", "run", UPSCALE, "--output", "x"), "workflow run needs --input");
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", in), "workflow run needs --output");
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", in, "--output", "x", "--parallel", "0"),
                "--parallel must be 1..64, got 0");
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", in, "--output", "x", "--parallel", "two"),
                "--parallel must be a whole number, got 'two'");
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", in, "--output", "x", "--set", "factor=4"),
                "--set needs node.param=value, e.g. upscale.factor=4; got 'factor=4'");
        Result unknown = atelier("workflow", "run", UPSCALE, "--input", in, "--output", "x", "--colour", "red");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("atelier: unknown option --colour (known: --"), unknown.err());
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", dir.resolve("none.png").toString(), "--output",
                "x"), "input " + dir.resolve("none.png") + " does not exist");
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", in, "--output", "x", "--mask", in),
                "workflow 'batch-upscale' takes no mask; leave out --mask");
    }

    @Test
    void badOverridesNameNodeAndField() {
        Result r = atelier("workflow", "run", UPSCALE, "--input", in, "--output", dir.resolve("o").toString(),
                "--set", "upscale.factor=3", "--set", "sharpen.amount=1");
        assertEquals(2, r.exit(), r.err());
        List<String> lines = new ArrayList<>(r.err().lines().toList());
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).contains("node 'sharpen': no such node; nodes: upscale"), lines.get(0));
        assertTrue(lines.get(1).contains("node 'upscale', field 'factor': "), lines.get(1));
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void anOutputFolderInsideTheInputFolderIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("inputs"));
        Png.write(SeededImages.noise(2, 8, 8), folder.resolve("a.png"));
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", folder.toString(), "--output",
                folder.resolve("out").toString()), "--output must not be the input folder or inside it: nothing in "
                + folder + " is ever written");
        assertUsage(atelier("workflow", "run", UPSCALE, "--input", folder.toString(), "--output",
                folder.toString()), "--output must not be the input folder or inside it: nothing in " + folder
                + " is ever written");
        try (var s = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("a.png")), s.toList());
        }
    }
}
