package dev.atelier.inference.models.esrgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.models.ModelCatalogue;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelImporter;
import dev.atelier.inference.models.ModelManifest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer on a hand-made package (a nearest ×2 "model"), no npm needed. */
class EsrganImporterTest {

    @TempDir
    Path dir;

    @Test
    void theCatalogueEsrganEntriesFindThisImporter() {
        for (String id : List.of("esrgan-slim", "esrgan-medium", "esrgan-thick")) {
            ModelCatalogue.Entry e = ModelCatalogue.builtIn().find(id).orElseThrow();
            assertTrue(ModelCatalogue.importer(e.importer(), getClass().getClassLoader()).orElseThrow()
                    instanceof EsrganImporter, id);
        }
    }

    private Path fakePackage(boolean rightSample) throws Exception {
        Path pkg = dir.resolve("package");
        Files.createDirectories(pkg.resolve("models/x2"));
        Files.createDirectories(pkg.resolve("assets/samples/2x"));
        Files.writeString(pkg.resolve("models/x2/model.json"), "{\"modelTopology\":{\"model_config\":{\"config\":{"
                + "\"layers\":[{\"class_name\":\"InputLayer\",\"name\":\"LR\",\"config\":{},\"inbound_nodes\":[]},"
                + "{\"class_name\":\"UpSampling2D\",\"name\":\"SR\",\"config\":{\"size\":[2,2]},"
                + "\"inbound_nodes\":[[[\"LR\",0,0,{}]]]}],\"output_layers\":[[\"SR\",0,0]]}}},"
                + "\"weightsManifest\":[]}");
        Random rng = new Random(3);
        BufferedImage in = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        BufferedImage out = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                in.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                out.setRGB(x, y, rightSample ? in.getRGB(x / 2, y / 2) : in.getRGB((x + 1) / 2 % 16, y / 2));
            }
        }
        ImageIO.write(in, "png", pkg.resolve("assets/fixture.png").toFile());
        ImageIO.write(out, "png", pkg.resolve("assets/samples/2x/result.png").toFile());
        return pkg;
    }

    @Test
    void stagesOneModelPerScaleWithItsSamples() throws Exception {
        List<String> log = new ArrayList<>();
        List<ModelImporter.Staged> staged = EsrganImporter.importPackage(fakePackage(true), dir.resolve("out"),
                "esrgan-slim", "npm:test", "MIT", log::add);
        assertEquals(2, staged.size()); // the same weights as ONNX and as a SavedModel
        ModelManifest onnx = staged.get(0).draft();
        ModelManifest tf = staged.get(1).draft();
        assertEquals(List.of("esrgan-slim-x2", "onnx", "onnx", "NCHW"),
                List.of(onnx.id(), onnx.format(), onnx.engine(), onnx.input().layout()));
        assertEquals(List.of("esrgan-slim-x2-savedmodel", "savedmodel", "tensorflow", "NHWC"),
                List.of(tf.id(), tf.format(), tf.engine(), tf.input().layout()));
        assertEquals(2, onnx.input().scale());
        assertEquals("0..255", tf.input().range());
        assertTrue(Files.isRegularFile(staged.get(0).files().resolve("model.onnx")));
        assertTrue(Files.isRegularFile(staged.get(1).files().resolve("savedmodel/saved_model.pb")));
        for (ModelImporter.Staged s : staged) {
            assertTrue(Files.isRegularFile(s.files().resolve("samples/result.png")));
        }
        assertEquals(2, log.size());
        assertTrue(log.get(0).contains("(ONNX Runtime)") && log.get(0).contains("Infinity dB"), log.toString());
        assertTrue(log.get(1).contains("(TensorFlow)") && log.get(1).contains("Infinity dB"), log.toString());
    }

    @Test
    void aModelThatDoesNotReproduceItsSampleIsRefused() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> EsrganImporter.importPackage(fakePackage(false),
                dir.resolve("out"), "esrgan-slim", "npm:test", "MIT", s -> {}));
        assertTrue(e.getMessage().contains("does not reproduce"), e.getMessage());
    }
}
