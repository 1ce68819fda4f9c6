package dev.atelier.inference.bench;

/** Placeholder until the engine branch's benchmark lands. */
public final class UpscaleBenchmark {
    private UpscaleBenchmark() {}

    public static void run(java.io.PrintStream out, int runs) {
        out.println("upscale benchmark: not built yet");
    }
}
