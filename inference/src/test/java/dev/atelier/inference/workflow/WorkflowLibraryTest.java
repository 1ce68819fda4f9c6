package dev.atelier.inference.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.host.UserFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding workflow files: folders from the environment, precedence, broken and refused files, Apps. */
class WorkflowLibraryTest {

    private static final String APP = """
            {"format": 1, "id": "ID", "title": "TITLE", "inputs": [{"id": "image", "type": "image"}],
             "nodes": [{"id": "up", "operation": "upscale", "params": {"preset": "precise"}}],
             "edges": [{"from": "inputs.image", "to": "up.image"}],
             "parameters": [{"id": "factor", "node": "up", "param": "factor"}],
             "outputs": [{"id": "out", "from": "up.image"}]}
            """;

    @TempDir
    Path dir;

    private static String app(String id, String title) {
        return APP.replace("ID", id).replace("TITLE", title);
    }

    @Test
    void foldersComeFromTheEnvironmentWithTheConfigFolderAsTheUsersDefault() {
        UserFolders linux = new UserFolders("Linux", Map.of("XDG_CONFIG_HOME", "/cfg")::get, Path.of("/home/a"));
        WorkflowFolders none = WorkflowFolders.fromEnvironment(k -> null, linux);
        assertEquals(Path.of("/cfg/atelier/workflows"), none.user());
        assertEquals(List.of(), none.studio());
        WorkflowFolders set = WorkflowFolders.fromEnvironment(Map.of(WorkflowFolders.USER_ENV, "/mine",
                WorkflowFolders.STUDIO_ENV, "/srv/a: :/srv/b:")::get, linux);
        assertEquals(Path.of("/mine"), set.user());
        assertEquals(List.of(Path.of("/srv/a"), Path.of("/srv/b")), set.studio());
    }

    @Test
    void theUserWinsThenTheFirstStudioFolderAndEveryUnusableFileIsReported() throws Exception {
        Path user = Files.createDirectories(dir.resolve("user"));
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(user.resolve("x.json"), app("shared", "Mine"));
        Files.writeString(a.resolve("x.json"), app("shared", "Studio A"));
        Files.writeString(a.resolve("y.json"), app("only-a", "A"));
        Files.writeString(b.resolve("y.json"), app("only-a", "B"));
        Files.writeString(b.resolve("up.json"), app("upscale", "Takes a built-in's id"));
        Files.writeString(b.resolve("plain.json"), app("plain", "No App").replace(
                "[{\"id\": \"factor\", \"node\": \"up\", \"param\": \"factor\"}]", "[]"));
        Files.writeString(b.resolve("bad.json"), "[1, 2]");
        Files.writeString(b.resolve("readme.txt"), "not read");
        Files.createDirectories(b.resolve("sub.json")); // a folder, not a file

        WorkflowLibrary.Scan scan = new WorkflowLibrary(new WorkflowFolders(user, List.of(a, b,
                dir.resolve("missing")))).scan();

        assertEquals(List.of("shared", "only-a", "plain"), List.copyOf(scan.workflows().keySet()));
        assertEquals("Mine", scan.workflows().get("shared").workflow().workflow().title());
        assertEquals("A", scan.workflows().get("only-a").workflow().workflow().title());
        assertEquals(List.of("shared", "only-a"), scan.apps().stream().map(f -> f.workflow().id()).toList());
        assertTrue(scan.app("plain").isEmpty(), "a workflow without exposed parameters is no App");
        List<String> broken = scan.broken().stream().map(x -> dir.relativize(x.file()) + ": " + x.error()).toList();
        assertEquals(4, broken.size(), broken.toString());
        assertTrue(broken.get(0).startsWith("a/x.json: workflow 'shared' is shadowed by " + user.resolve("x.json")),
                broken.toString());
        assertTrue(broken.contains("b/bad.json: workflow 'bad.json': must be a JSON object"), broken.toString());
        assertTrue(broken.contains("b/up.json: workflow id 'upscale' is a built-in operation's; choose another"),
                broken.toString());
        assertTrue(broken.stream().anyMatch(s -> s.startsWith("b/y.json: workflow 'only-a' is shadowed by "
                + a.resolve("y.json"))), broken.toString());
    }
}
