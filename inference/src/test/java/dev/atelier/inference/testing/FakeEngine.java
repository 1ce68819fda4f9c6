package dev.atelier.inference.testing;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A steerable engine for queue and daemon tests. Img2img returns the inverted image at once, plus N - 1
 * {@link #variation variations} of it for a batch count of N (or, for a prompt {@code crash:linkage} /
 * {@code crash:runtime}, throws like a broken engine). Retouch inverts only where the mask
 * is set, so a host test can see its selection arrive, and runs
 * {@code steps} steps (its {@code steps} field), each waiting for a permit from {@link #allow(int)} and checking
 * the cancel token, and announces itself on {@link #started()} — so a test can hold a job "running" without
 * sleeping.
 */
public final class FakeEngine implements Engine {

    private final Semaphore permits = new Semaphore(0);
    private final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    /** Lets {@code n} more retouch steps run. */
    public void allow(int n) {
        permits.release(n);
    }

    /** Lets every step run from now on. */
    public void allowAll() {
        permits.release(1_000_000);
    }

    /** Retouch jobs announce their seed here when they start running. */
    public BlockingQueue<String> started() {
        return started;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        return request instanceof Img2ImgRequest || request instanceof RetouchRequest ? Optional.empty()
                : Optional.of("fake engine does not run " + request.operation().id());
    }

    @Override
    public OperationResult run(OperationRequest request, JobInput input, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        cancel.check();
        if (request instanceof Img2ImgRequest i && i.generation().prompt().startsWith("crash:")) {
            // Engine bugs as they happen in the field: a class missing from a replaced jar, or a plain bug.
            if (i.generation().prompt().equals("crash:linkage")) {
                throw new NoClassDefFoundError("dev/atelier/Missing");
            }
            throw new IllegalStateException("engine bug");
        }
        if (request instanceof RetouchRequest r) {
            started.add(Long.toString(r.generation().seed()));
            int steps = r.generation().steps();
            for (int i = 0; i < steps; i++) {
                while (true) {
                    cancel.check();
                    try {
                        if (permits.tryAcquire(5, TimeUnit.MILLISECONDS)) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        cancel.check();
                    }
                }
                // Every step comes with a preview, as a diffusion engine's latent preview would.
                progress.report((i + 1.0) / steps, "step " + (i + 1) + "/" + steps, Raster.filled(4, 4, 0x336699ff));
            }
        }
        if (request instanceof RetouchRequest) {
            return OperationResult.whole(invertWhere(input.image(), input.mask().orElseThrow()), List.of());
        }
        int count = ((Img2ImgRequest) request).generation().count();
        Raster inverted = invert(input.image());
        List<Raster> more = new java.util.ArrayList<>();
        for (int k = 1; k < count; k++) {
            more.add(variation(inverted, k));
        }
        return OperationResult.whole(inverted, List.of()).withVariations(more);
    }

    /** Image {@code k} of a fake batch: {@code image} with k added to every red byte (mod 256). */
    public static Raster variation(Raster image, int k) {
        byte[] px = image.toByteArray();
        for (int i = 0; i < px.length; i += 4) {
            px[i] = (byte) ((px[i] & 0xff) + k);
        }
        return Raster.wrap(image.width(), image.height(), px);
    }

    /** Returns the image with RGB inverted where the mask is at least half set: retouch's fake "repaint". */
    public static Raster invertWhere(Raster in, dev.atelier.core.image.Mask mask) {
        byte[] out = in.toByteArray();
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                if (mask.get(x, y) >= 128) {
                    int i = 4 * (y * in.width() + x);
                    out[i] = (byte) ~out[i];
                    out[i + 1] = (byte) ~out[i + 1];
                    out[i + 2] = (byte) ~out[i + 2];
                }
            }
        }
        return Raster.wrap(in.width(), in.height(), out);
    }

    /** Returns the image with RGB inverted and alpha kept: the fake's whole "model". */
    public static Raster invert(Raster in) {
        byte[] out = in.toByteArray();
        for (int i = 0; i < out.length; i += 4) {
            out[i] = (byte) ~out[i];
            out[i + 1] = (byte) ~out[i + 1];
            out[i + 2] = (byte) ~out[i + 2];
        }
        return Raster.wrap(in.width(), in.height(), out);
    }

    @Override
    public void close() {
        closed = true;
    }
}
