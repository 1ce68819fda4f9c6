package dev.atelier.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    private static final String HOW = "apt install krita";

    private static Function<String, String> env(Map<String, String> vars) {
        return vars::get;
    }

    @Test
    void presentHostPassesEvenWhenRequired() {
        assertDoesNotThrow(() -> Requirements.host("krita", true, HOW, env(Map.of("ATELIER_REQUIRE_HOSTS", "1"))));
        assertDoesNotThrow(() -> Requirements.host("krita", true, HOW, env(Map.of())));
    }

    @Test
    void missingHostIsSkippedWithInstallHint() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Requirements.host("krita", false, HOW, env(Map.of())));
        assertEquals("host 'krita' is not available; to install it: apt install krita",
                e.getMessage());
    }

    @Test
    void missingHostFailsWhenHostsAreRequired() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Requirements.host("krita", false, HOW, env(Map.of("ATELIER_REQUIRE_HOSTS", "1"))));
        assertEquals("host 'krita' is not available; to install it: apt install krita", e.getMessage());
    }

    @Test
    void otherValuesOfTheVariableStillSkip() {
        assertThrows(TestAbortedException.class,
                () -> Requirements.host("gimp", false, HOW, env(Map.of("ATELIER_REQUIRE_HOSTS", "0"))));
        assertThrows(TestAbortedException.class,
                () -> Requirements.host("gimp", false, HOW, env(Map.of("ATELIER_REQUIRE_HOSTS", ""))));
    }

    @Test
    void modelsUseTheirOwnVariable() {
        Function<String, String> hostsOnly = env(Map.of("ATELIER_REQUIRE_HOSTS", "1"));
        assertThrows(TestAbortedException.class,
                () -> Requirements.model("realesrgan-x4", false, "atelier models fetch realesrgan-x4", hostsOnly));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Requirements.model("realesrgan-x4", false, "atelier models fetch realesrgan-x4",
                        env(Map.of("ATELIER_REQUIRE_MODELS", "1"))));
        assertEquals("model 'realesrgan-x4' is not available; to install it: atelier models fetch realesrgan-x4",
                e.getMessage());
    }
}
