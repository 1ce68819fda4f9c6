package dev.atelier.inference.engine.esrgan;

import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.testkit.Requirements;
import java.util.Optional;

/** The model gate for tests that run a real ESRGAN model: skipped without it, failed under ATELIER_REQUIRE_MODELS. */
public final class InstalledEsrgan {

    private InstalledEsrgan() {}

    /** Returns the installed esrgan-slim on {@code runtime}, or aborts the test with the install hint. */
    public static EsrganModels.Installed slim(DjlRuntime runtime) {
        Optional<EsrganModels.Installed> m = EsrganModels.find(EsrganModels.defaultRoot(), "esrgan-slim", runtime);
        Requirements.model("esrgan-slim (" + runtime.label() + ")", m.isPresent(),
                "bin/atelier models install esrgan-slim");
        return m.orElseThrow();
    }
}
