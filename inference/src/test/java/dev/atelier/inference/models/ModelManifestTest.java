package dev.atelier.inference.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelManifestTest {

    static final String SHA = "ab".repeat(32);

    static ModelManifest valid() {
        return new ModelManifest("esrgan-slim-x2", "upscale", "onnx", "onnx",
                List.of(new ModelManifest.FileEntry("model.onnx", SHA, 1234)), "MIT", "npm @upscalerjs/esrgan-slim@1.0.0",
                new ModelManifest.Input("0..255", "NCHW", 2));
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ModelManifest m = valid();
        ModelManifest back = ModelManifest.fromJson(m.toJson(), "test");
        assertEquals(m, back);
        back.validate();
    }

    private static String error(ModelManifest m) {
        return assertThrows(ModelException.class, m::validate).getMessage();
    }

    @Test
    void validationSaysExactlyWhatIsWrong() {
        ModelManifest v = valid();
        assertEquals("invalid manifest: id 'Bad Id' must be 1-64 lower-case letters, digits, '.', '_' or '-',"
                + " starting with a letter or digit", error(v.withId("Bad Id")));
        assertEquals("invalid manifest for 'esrgan-slim-x2': task 'paint' is not one of detect, diffusion, inpaint,"
                + " remove-background, upscale", error(new ModelManifest(v.id(), "paint", v.format(), v.engine(),
                        v.files(), v.licence(), v.source(), v.input())));
        assertEquals("invalid manifest for 'esrgan-slim-x2': engine 'tensorflow' cannot run format 'onnx' (use"
                + " 'onnx')", error(new ModelManifest(v.id(), v.task(), "onnx", "tensorflow", v.files(), v.licence(),
                        v.source(), v.input())));
        assertEquals("invalid manifest for 'esrgan-slim-x2': file path '../x.onnx' must be relative, with '/' and no"
                + " '.' or '..' parts", error(v.withFiles(List.of(new ModelManifest.FileEntry("../x.onnx", SHA, 1)))));
        assertEquals("invalid manifest for 'esrgan-slim-x2': file 'model.onnx' needs a sha256 of 64 lower-case hex"
                + " digits", error(v.withFiles(List.of(new ModelManifest.FileEntry("model.onnx", "xyz", 1)))));
        assertEquals("invalid manifest for 'esrgan-slim-x2': files is empty", error(v.withFiles(List.of())));
        assertEquals("invalid manifest for 'esrgan-slim-x2': input.layout 'CHW' is not one of NCHW, NHWC",
                error(new ModelManifest(v.id(), v.task(), v.format(), v.engine(), v.files(), v.licence(), v.source(),
                        new ModelManifest.Input("0..255", "CHW", 2))));
        assertEquals("invalid manifest for 'esrgan-slim-x2': licence is missing", error(new ModelManifest(v.id(),
                v.task(), v.format(), v.engine(), v.files(), " ", v.source(), v.input())));
    }

    @Test
    void missingFieldsAndBadJsonAreNamed() throws Exception {
        ModelManifest m = ModelManifest.fromJson("{\"id\":\"x\"}", "x/manifest.json");
        assertEquals("invalid manifest for 'x': task is missing", error(m));
        assertEquals(List.of("task is missing", "format is missing", "engine is missing", "files is empty",
                "licence is missing", "source is missing", "input is missing"), m.problems());
        ModelException e = assertThrows(ModelException.class, () -> ModelManifest.fromJson("{\"id\":", "y/manifest.json"));
        assertEquals(true, e.getMessage().startsWith("y/manifest.json is not a valid manifest: "), e.getMessage());
    }
}
