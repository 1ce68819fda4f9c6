package dev.atelier.inference.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.EngineContext;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEngineTest {

    @TempDir
    Path cache;

    @Test
    void withoutAModelUpscaleIsUnsupportedWithTheInstallHint(@TempDir Path empty) {
        try (OnnxEngine e = new OnnxEngine(new EngineContext(cache, 1), empty)) {
            assertEquals(Optional.of(OnnxEngine.NO_MODEL), e.unsupportedReason(new UpscaleRequest(4,
                    UpscalePreset.PRECISE)));
            assertEquals(Optional.of("Detect is not an ONNX operation"),
                    e.unsupportedReason(new DetectRequest(DetectMode.CANNY, 100, 200, 1)));
        }
    }
}
