package dev.atelier.inference.engine.memory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * How long an unused model stays loaded and how many bytes of models may be loaded at once.
 *
 * @param idle unload a model unused for this long; zero means never
 * @param capBytes loaded models' bytes (their files' size on disk) above which the least recently used are closed
 */
public record MemorySettings(Duration idle, long capBytes) {

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    /** Used when the machine's memory cannot be read. */
    public static final long FALLBACK_CAP_MB = 4096;

    public MemorySettings {
        if (idle.isNegative()) {
            throw new IllegalArgumentException("idle must not be negative");
        }
        if (capBytes < 1) {
            throw new IllegalArgumentException("the model cap must be positive");
        }
    }

    /**
     * Settings from {@code $ATELIER_MODEL_IDLE} / {@code -Datelier.model.idle} (e.g. {@code 10m}, {@code 90s},
     * {@code 2h}, {@code 0} = never; default 10 minutes) and {@code $ATELIER_MODEL_CACHE_MB} /
     * {@code -Datelier.model.cache.mb} (default half the physical memory).
     */
    public static MemorySettings fromEnvironment() {
        String idle = setting("ATELIER_MODEL_IDLE", "atelier.model.idle");
        String cap = setting("ATELIER_MODEL_CACHE_MB", "atelier.model.cache.mb");
        long mb;
        try {
            mb = cap == null ? defaultCapMb() : Long.parseLong(cap.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ATELIER_MODEL_CACHE_MB must be a whole number of MB, not '" + cap
                    + "'");
        }
        return new MemorySettings(idle == null ? DEFAULT_IDLE : parseDuration(idle), mb << 20);
    }

    /** Parses {@code 90s}, {@code 10m}, {@code 2h} or plain seconds ({@code 0}: never). */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            char unit = s.charAt(s.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("bad model idle time '" + text + "' (use e.g. 90s, 10m, 2h, 0)");
        }
    }

    private static String setting(String env, String property) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            v = System.getProperty(property);
        }
        return v == null || v.isBlank() ? null : v;
    }

    /** Half the physical memory: leaves room for images, activations and the rest of the machine. */
    private static long defaultCapMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return Math.max(1, (total >> 20) / 2);
            }
        }
        return FALLBACK_CAP_MB;
    }
}
