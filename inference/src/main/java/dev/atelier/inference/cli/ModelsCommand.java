package dev.atelier.inference.cli;

import dev.atelier.inference.models.DiffusionImport;
import dev.atelier.inference.models.ModelCatalogue;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelFormat;
import dev.atelier.inference.models.ModelFormats;
import dev.atelier.inference.models.ModelImporter;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code atelier models list | install NAME | import PATH | verify [NAME] | remove NAME}: the model store. Nothing
 * is downloaded except by {@code install}. Store problems print one line and exit 1.
 */
final class ModelsCommand {

    static final String USAGE = "usage: atelier models list | install NAME [--accept-licence] | import PATH --task TASK [--id ID]"
            + " [--licence L] [--range 0..1|0..255] [--layout NCHW|NHWC] [--scale N] | verify [NAME] | remove NAME";

    /** The flag that accepts a copyleft package's licence at install. */
    static final String ACCEPT_LICENCE = "accept-licence";

    private ModelsCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException, IOException {
        if (argv.isEmpty()) {
            throw new UsageException("models needs a subcommand; " + USAGE.substring("usage: ".length()));
        }
        String sub = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        ModelStore store = ModelStore.current();
        try {
            return switch (sub) {
                case "list" -> list(store, rest, out);
                case "install" -> install(store, rest, out);
                case "import" -> importPath(store, rest, out);
                case "verify" -> verify(store, rest, out, err);
                case "remove" -> remove(store, rest, out);
                default -> throw new UsageException("unknown models subcommand '" + sub + "' (list, install,"
                        + " import, verify, remove)");
            };
        } catch (ModelException e) {
            err.println("atelier: " + e.getMessage());
            return 1;
        }
    }

    private static int list(ModelStore store, List<String> argv, PrintStream out) throws UsageException, IOException {
        Args.parse(argv, Set.of(), Set.of());
        List<ModelStore.Installed> all = store.list();
        out.println("store " + store.root() + (store.readOnly() ? " (read-only)" : ""));
        if (all.isEmpty()) {
            out.println("no models installed");
        }
        for (ModelStore.Installed m : all) {
            Optional<String> problem = ModelStore.quickCheck(m);
            out.println(row(m.id(), m.manifest().map(ModelManifest::task).orElse("?"),
                    m.manifest().map(ModelManifest::format).orElse("?"),
                    m.manifest().map(ModelManifest::engine).orElse("?"),
                    problem.map(p -> "broken: " + p).orElse("ok")));
        }
        return 0;
    }

    private static String row(String id, String task, String format, String engine, String state) {
        return String.format("%-26s %-18s %-11s %-10s %s", id, task, format, engine, state).stripTrailing();
    }

    private static int install(ModelStore store, List<String> argv, PrintStream out)
            throws UsageException, IOException, ModelException {
        Args args = Args.parse(argv, Set.of(), Set.of(ACCEPT_LICENCE));
        String name = single(args, "install NAME [--" + ACCEPT_LICENCE + "]");
        ModelCatalogue catalogue = ModelCatalogue.builtIn();
        ModelCatalogue.Entry entry = catalogue.find(name).orElseThrow(() -> new ModelException("no model '" + name
                + "' in the catalogue (known: " + String.join(", ", catalogue.entries().stream()
                        .map(ModelCatalogue.Entry::id).toList()) + "); use 'atelier models import PATH' for a file"));
        ModelImporter importer = ModelCatalogue.importer(entry.importer(), ModelsCommand.class.getClassLoader())
                .orElseThrow(() -> new ModelException(name + " cannot be installed yet: its importer ("
                        + entry.importer() + ") is not part of this build"));
        if (store.readOnly()) {
            throw new ModelException("cannot install " + name + ": the model store " + store.root()
                    + " is read-only (shared); set ATELIER_MODELS to a writable folder to manage your own models");
        }
        if (entry.copyleft() && !args.flag(ACCEPT_LICENCE)) {
            throw new ModelException(name + " comes from " + entry.npm() + "@" + entry.version() + ", licensed "
                    + entry.licence() + "; to install it, accept that licence: atelier models install " + name
                    + " --" + ACCEPT_LICENCE);
        }
        out.println("install " + name + ": " + entry.npm() + "@" + entry.version() + " (" + entry.licence() + ")");
        if (!entry.note().isBlank()) {
            out.println("  " + entry.note());
        }
        Files.createDirectories(store.root());
        Path scratch = Files.createTempDirectory(store.root(), ".installing-scratch-" + ProcessHandle.current().pid()
                + "-");
        List<String> installed = new ArrayList<>();
        try {
            for (ModelImporter.Staged s : importer.prepare(entry, scratch, line -> out.println("  " + line))) {
                if (store.find(s.draft().id()).isPresent() && store.verify(s.draft().id()).isEmpty()) {
                    // e.g. the ONNX conversions from an earlier install, now joined by their SavedModels
                    out.println(row(s.draft().id(), s.draft().task(), s.draft().format(), s.draft().engine(),
                            "already installed (verified)"));
                    continue;
                }
                ModelManifest m = store.install(s.draft(), s.files());
                installed.add(m.id());
                out.println(row(m.id(), m.task(), m.format(), m.engine(), "installed"));
            }
            installed.clear(); // all done: nothing to roll back
        } finally {
            for (String id : installed) {
                try {
                    store.remove(id); // a partly installed package is rolled back as a whole
                } catch (ModelException | IOException e) {
                    // keep the original failure
                }
            }
            deleteTree(scratch);
        }
        return 0;
    }

    private static int importPath(ModelStore store, List<String> argv, PrintStream out)
            throws UsageException, IOException, ModelException {
        Args args = Args.parse(argv, Set.of("id", "task", "licence", "range", "layout", "scale"), Set.of());
        Path path = Path.of(single(args, "import PATH"));
        Optional<String> task0 = args.option("task");
        if (Files.isDirectory(path) && (task0.isEmpty() ? DiffusionImport.looksLikeSdFolder(path)
                : task0.get().equals(DiffusionImport.TASK))) {
            // A diffusion export is a folder of several ONNX parts: checked and copied whole, as one model.
            ModelManifest m = DiffusionImport.install(store, path, args.option("id").orElse(defaultId(path)),
                    args.option("licence").orElse("unknown"));
            return imported(store, m, out);
        }
        ModelFormats.Detection d = ModelFormats.detect(path);
        if (d.format() == ModelFormat.SAFETENSORS) {
            throw new ModelException(path.getFileName() + " is safetensors (" + d.family() + "); " + d.advice());
        }
        if (d.format() == ModelFormat.TFJS_LAYERS) {
            throw new ModelException(path.getFileName() + " is a TFJS layers model; importing it needs the TFJS"
                    + " importer, which is not available yet");
        }
        String task = args.option("task").orElseThrow(() -> new UsageException("import needs --task ("
                + String.join(", ", new java.util.TreeSet<>(ModelManifest.TASKS)) + ")"));
        String id = args.option("id").orElse(defaultId(d.path()));
        boolean onnx = d.format() == ModelFormat.ONNX;
        int scale = args.intOption("scale", 1);
        ModelManifest draft = new ModelManifest(id, task, d.format().id(), d.format().engine().orElseThrow(), List.of(),
                args.option("licence").orElse("unknown"), "imported from " + path.toAbsolutePath().normalize(),
                new ModelManifest.Input(args.option("range").orElse(onnx ? "0..1" : "0..255"),
                        args.option("layout").orElse(onnx ? "NCHW" : "NHWC"), scale));
        return imported(store, store.install(draft, d.path()), out);
    }

    private static int imported(ModelStore store, ModelManifest m, PrintStream out) {
        long bytes = m.files().stream().mapToLong(ModelManifest.FileEntry::size).sum();
        out.println("imported " + m.id() + " (" + m.task() + ", " + m.format() + ", " + m.files().size() + " file(s), "
                + bytes + " bytes) into " + store.folder(m.id()));
        return 0;
    }

    private static int verify(ModelStore store, List<String> argv, PrintStream out, PrintStream err)
            throws UsageException, IOException, ModelException {
        Args args = Args.parse(argv, Set.of(), Set.of());
        if (args.positionals().size() > 1) {
            throw new UsageException("verify takes at most one model name");
        }
        List<String> ids = args.positionals().isEmpty()
                ? store.list().stream().map(ModelStore.Installed::id).toList() : args.positionals();
        if (ids.isEmpty()) {
            out.println("no models installed");
            return 0;
        }
        int broken = 0;
        for (String id : ids) {
            List<String> problems = store.verify(id);
            out.println(id + ": " + (problems.isEmpty() ? "ok" : "BROKEN: " + String.join("; ", problems)));
            broken += problems.isEmpty() ? 0 : 1;
        }
        if (broken > 0) {
            err.println("atelier: " + broken + " of " + ids.size() + " model(s) failed verification;"
                    + " remove and reinstall them");
            return 1;
        }
        return 0;
    }

    private static int remove(ModelStore store, List<String> argv, PrintStream out)
            throws UsageException, IOException, ModelException {
        String id = single(Args.parse(argv, Set.of(), Set.of()), "remove NAME");
        store.remove(id);
        out.println("removed " + id);
        return 0;
    }

    private static String single(Args args, String what) throws UsageException {
        if (args.positionals().size() != 1) {
            throw new UsageException("usage: atelier models " + what);
        }
        return args.positionals().get(0);
    }

    /** A model id from a file or folder name: lower case, the extension dropped, other characters as '-'. */
    static String defaultId(Path path) {
        String name = path.toAbsolutePath().normalize().getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && !Files.isDirectory(path)) {
            name = name.substring(0, dot);
        }
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return id.length() > 64 ? id.substring(0, 64) : id.isEmpty() ? "model" : id;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a hidden leftover; the store cleans it later
        }
    }
}
