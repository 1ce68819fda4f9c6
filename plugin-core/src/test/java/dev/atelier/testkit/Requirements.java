package dev.atelier.testkit;

import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The gate for tests that need a real host application or model weights. When the requirement is missing the
 * test is skipped with a message saying how to install it; on machines that must run everything (CI with hosts
 * or models installed) setting {@value #REQUIRE_HOSTS} or {@value #REQUIRE_MODELS} to {@code 1} turns the skip
 * into a failure with the same message, so a broken install cannot pass silently.
 */
public final class Requirements {

    /** Environment variable that makes a missing host a failure instead of a skip. */
    public static final String REQUIRE_HOSTS = "ATELIER_REQUIRE_HOSTS";
    /** Environment variable that makes a missing model a failure instead of a skip. */
    public static final String REQUIRE_MODELS = "ATELIER_REQUIRE_MODELS";

    private Requirements() {}

    /** Returns normally when host {@code name} is present; otherwise skips the test, or fails it when required. */
    public static void host(String name, boolean present, String howToInstall) {
        host(name, present, howToInstall, System::getenv);
    }

    /** Returns normally when model {@code name} is present; otherwise skips the test, or fails it when required. */
    public static void model(String name, boolean present, String howToInstall) {
        model(name, present, howToInstall, System::getenv);
    }

    static void host(String name, boolean present, String howToInstall, Function<String, String> env) {
        check("host", REQUIRE_HOSTS, name, present, howToInstall, env);
    }

    static void model(String name, boolean present, String howToInstall, Function<String, String> env) {
        check("model", REQUIRE_MODELS, name, present, howToInstall, env);
    }

    /** Returns the message a missing requirement is reported with. */
    static String message(String kind, String name, String howToInstall) {
        return kind + " '" + name + "' is not available; to install it: " + howToInstall;
    }

    private static void check(String kind, String variable, String name, boolean present, String howToInstall,
            Function<String, String> env) {
        if (present) {
            return;
        }
        String message = message(kind, name, howToInstall);
        String required = env.apply(variable);
        if (required != null && required.trim().equals("1")) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
