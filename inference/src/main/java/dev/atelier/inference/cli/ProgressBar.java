package dev.atelier.inference.cli;

import dev.atelier.core.client.ProgressListener;
import dev.atelier.core.image.Raster;
import java.io.PrintStream;

/** A one-line terminal progress bar on stderr; silent when stderr is not a terminal (logs stay clean). */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final boolean enabled;
    private int lastPercent = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
        this.enabled = System.console() != null;
    }

    @Override
    public synchronized void onProgress(double fraction, String message, Raster preview) {
        int percent = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        if (!enabled || percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "% "
                + message + "\033[K");
        out.flush();
    }

    synchronized void finish() {
        if (enabled && lastPercent >= 0) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
