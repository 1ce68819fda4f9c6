package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the tiny SDXL model: accepted, generated at 1024 on the longer side, seeds repeat. */
class DiffusionEngineSdxlTest {

    @TempDir
    Path dir;

    @Test
    void sdxlRunsImg2ImgAndRetouchAt1024AndRepeatsItsSeed() throws Exception {
        Path store = TinySdModels.installXl(dir.resolve("store"), "tiny-xl");
        try (Engine e = new DiffusionEngineProvider(store).create(new EngineContext(dir.resolve("cache"), 2))) {
            Img2ImgRequest r = new Img2ImgRequest(new Generation("wider", "newer", 3, 4, 21, 1), 40);
            assertEquals(Optional.empty(), e.unsupportedReason(r));
            var image = SeededImages.gradient(64, 48);
            OperationResult a = e.run(r, JobInput.of(image), ProgressSink.none(), CancelToken.none());
            assertEquals(64, a.image().width());
            assertEquals(48, a.image().height());
            assertEquals("1024x768", a.metadata().get("size"), "SDXL generates at 1024 on the longer side");
            assertEquals("tiny-xl", a.metadata().get("model"));
            OperationResult b = e.run(r, JobInput.of(image), ProgressSink.none(), CancelToken.none());
            assertArrayEquals(a.image().toByteArray(), b.image().toByteArray());

            assertTrue(e.unsupportedReason(new RetouchRequest(r.generation(), 4, 8)).isEmpty());
            DiffusionEngineTest.assertRetouchKeepsOutsideTheBlendMask(e, 1024);
        }
    }
}
