package dev.atelier.inference.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fetches and converts a catalogue entry's package into installable models. Implementations are listed in
 * {@code META-INF/services/dev.atelier.inference.models.ModelImporter}; {@code atelier models install NAME} finds
 * the one the entry names and says the model is not available yet when the build has none.
 */
public interface ModelImporter {

    /** The id catalogue entries name in {@code importer}. */
    String id();

    /**
     * Fetches and converts {@code entry} into {@code scratch} (an empty folder Atelier deletes afterwards) and
     * returns the models to install: for each, its draft manifest (files may be empty; checksums are computed at
     * install) and the folder under {@code scratch} holding its files. The store installs each atomically.
     */
    List<Staged> prepare(ModelCatalogue.Entry entry, Path scratch, Consumer<String> progress)
            throws IOException, ModelException;

    /** One converted model waiting to be installed. */
    record Staged(ModelManifest draft, Path files) {}
}
