package dev.atelier.inference.workflow;

import dev.atelier.core.host.UserFolders;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the daemon looks for workflow files: the user's own folder ({@code $ATELIER_USER_WORKFLOWS}, else
 * {@code <config folder>/atelier/workflows}, e.g. {@code ~/.config/atelier/workflows}) and the studio folders of
 * {@code $ATELIER_WORKFLOWS} (several separated by the path separator, ':' on Linux; may be read-only and shared).
 * A workflow in the user's folder wins over a studio one with the same id.
 */
public record WorkflowFolders(Path user, List<Path> studio) {

    public static final String USER_ENV = "ATELIER_USER_WORKFLOWS";
    public static final String STUDIO_ENV = "ATELIER_WORKFLOWS";

    public WorkflowFolders {
        Objects.requireNonNull(user, "user");
        studio = List.copyOf(studio);
    }

    /** Returns the folders named by the process environment. */
    public static WorkflowFolders fromEnvironment() {
        return fromEnvironment(System::getenv, UserFolders.current());
    }

    /** Returns the folders named by {@code env}, with {@code folders} for the default user folder. */
    public static WorkflowFolders fromEnvironment(Function<String, String> env, UserFolders folders) {
        String own = env.apply(USER_ENV);
        Path user = own != null && !own.isBlank() ? Path.of(own)
                : folders.configFolder().resolve("atelier").resolve("workflows");
        List<Path> studio = new ArrayList<>();
        String shared = env.apply(STUDIO_ENV);
        if (shared != null) {
            for (String part : shared.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    studio.add(Path.of(part.trim()));
                }
            }
        }
        return new WorkflowFolders(user, studio);
    }
}
