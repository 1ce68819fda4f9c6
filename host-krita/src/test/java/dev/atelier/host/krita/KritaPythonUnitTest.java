package dev.atelier.host.krita;

import dev.atelier.testkit.PythonSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the plug-in's Python unit tests (src/test/python, stdlib unittest, a stub krita module) against the
 * plug-in as the build assembled it in target/pykrita, so the copied protocol client is the one tested.
 */
class KritaPythonUnitTest {

    @Test
    void pythonUnitTestsPass() throws Exception {
        PythonSuite.run("host-krita python", Path.of("src/test/python").toAbsolutePath(),
                List.of(Path.of("target/pykrita").toAbsolutePath()), Map.of("QT_QPA_PLATFORM", "offscreen"));
    }
}
