package dev.atelier.inference.workflow;

import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowChecker;
import dev.atelier.core.workflow.WorkflowException;
import dev.atelier.core.workflow.WorkflowJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The workflows found in the {@link WorkflowFolders}: every {@code *.json} in each folder (not its subfolders) is
 * read and checked. A file that does not parse or check is listed with its error, never fatal; of two workflows
 * with the same id the user's wins over a studio one (and the first folder over later ones), the other is listed as
 * shadowed. Scanning only reads, so a read-only shared folder is fine. Workflows with exposed parameters are Apps.
 */
public final class WorkflowLibrary {

    private final WorkflowFolders folders;

    public WorkflowLibrary(WorkflowFolders folders) {
        this.folders = Objects.requireNonNull(folders, "folders");
    }

    public WorkflowFolders folders() {
        return folders;
    }

    /** A workflow file that could not be used: its path and why. */
    public record Broken(Path file, String error) {}

    /** A usable workflow and the file it came from. */
    public record Found(CheckedWorkflow workflow, Path file) {

        /** Returns whether it is published as an App (it exposes at least one parameter). */
        public boolean isApp() {
            return !workflow.exposed().isEmpty();
        }
    }

    /** One scan's outcome: usable workflows by id (user's first, then file-name order) and broken files. */
    public record Scan(Map<String, Found> workflows, List<Broken> broken) {

        public Scan {
            workflows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workflows));
            broken = List.copyOf(broken);
        }

        /** Returns the workflows published as Apps, in scan order. */
        public List<Found> apps() {
            return workflows.values().stream().filter(Found::isApp).toList();
        }

        /** Returns the App with this id, if any. */
        public Optional<Found> app(String id) {
            return Optional.ofNullable(workflows.get(id)).filter(Found::isApp);
        }
    }

    /** Reads the folders now; cheap enough to call on every panel listing (a few small files). */
    public Scan scan() {
        Map<String, Found> found = new LinkedHashMap<>();
        List<Broken> broken = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        all.add(folders.user());
        all.addAll(folders.studio());
        for (Path folder : all) {
            for (Path file : jsonFiles(folder, broken)) {
                read(file, found, broken);
            }
        }
        return new Scan(found, broken);
    }

    private static List<Path> jsonFiles(Path folder, List<Broken> broken) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files; // a folder not made yet is simply empty
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.json")) {
            s.forEach(f -> {
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            });
        } catch (IOException | RuntimeException e) {
            broken.add(new Broken(folder, "cannot list the folder: " + e.getMessage()));
        }
        files.sort(null);
        return files;
    }

    private static void read(Path file, Map<String, Found> found, List<Broken> broken) {
        CheckedWorkflow w;
        try {
            String name = file.getFileName().toString();
            w = WorkflowChecker.check(WorkflowJson.parse(Files.readString(file, StandardCharsets.UTF_8), name));
        } catch (WorkflowException e) {
            broken.add(new Broken(file, e.getMessage()));
            return;
        } catch (IOException | RuntimeException e) {
            broken.add(new Broken(file, "cannot read: " + e));
            return;
        }
        if (dev.atelier.core.panel.BuiltInPanels.byId(w.id()).isPresent()
                || dev.atelier.core.operation.Operation.byId(w.id()).isPresent()) {
            broken.add(new Broken(file, "workflow id '" + w.id() + "' is a built-in operation's; choose another"));
            return;
        }
        Found earlier = found.get(w.id());
        if (earlier != null) {
            broken.add(new Broken(file, "workflow '" + w.id() + "' is shadowed by " + earlier.file()
                    + " (the user's folder wins, then the first studio folder)"));
            return;
        }
        found.put(w.id(), new Found(w, file));
    }
}
