package dev.atelier.inference.diffusion.scheduler;

import java.util.List;

/** Creates schedulers by the names panels and the CLI use. */
public final class Schedulers {

    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("ddim", "euler", "euler-a", "dpmpp-2m", "dpmpp-2m-karras", "lcm");

    private Schedulers() {}

    /**
     * Returns a new scheduler reading the model's {@code config}; {@code dpmpp-2m-karras} forces Karras σ,
     * {@code dpmpp-2m} uses them only if the config asks for them.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Scheduler create(String name, SchedulerConfig config) {
        return switch (name) {
            case "ddim" -> new DdimScheduler(config);
            case "euler" -> new EulerScheduler(config);
            case "euler-a" -> new EulerAncestralScheduler(config);
            case "dpmpp-2m" -> new DpmSolverMultistepScheduler(config);
            case "dpmpp-2m-karras" -> new DpmSolverMultistepScheduler(config.withKarrasSigmas(true));
            case "lcm" -> new LcmScheduler(config);
            default -> throw new IllegalArgumentException(
                    "unknown scheduler '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }
}
