package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every {@link DiffusionEngineTest} on the tiny models as TensorFlow SavedModels, run on TensorFlow. */
class DiffusionEngineSavedModelTest extends DiffusionEngineTest {

    @BeforeAll
    static void installSavedModels() throws Exception {
        install(true);
    }

    @Test
    void theImportRecordsTheSavedModelFormatAndTheTensorFlowEngine() throws Exception {
        String manifest = Files.readString(store("store").resolve("tiny-sd/manifest.json"));
        assertTrue(manifest.contains("\"engine\": \"tensorflow\"") && manifest.contains("\"format\": \"savedmodel\"")
                && manifest.contains("unet/saved_model.pb"), manifest);
    }
}
