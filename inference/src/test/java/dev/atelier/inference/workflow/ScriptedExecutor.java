package dev.atelier.inference.workflow;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A node executor for runner tests: every operation inverts the colours except Upscale (2× nearest) and Remove
 * background (clears the alpha of the left half); it records each call and can fail or block chosen operations.
 */
final class ScriptedExecutor implements NodeExecutor {

    record Call(Operation op, JobInput input) {}

    final List<Call> calls = new ArrayList<>();
    final Map<Operation, AtelierException> failOnce = new HashMap<>();
    final Map<Operation, AtelierException> failAlways = new HashMap<>();
    Operation blockOn;
    final CountDownLatch blocked = new CountDownLatch(1);

    @Override
    public synchronized OperationResult execute(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        Operation op = request.operation();
        calls.add(new Call(op, input));
        progress.report(0.5, "half");
        if (failAlways.containsKey(op)) {
            throw failAlways.get(op);
        }
        AtelierException once = failOnce.remove(op);
        if (once != null) {
            throw once;
        }
        if (op == blockOn) {
            blocked.countDown();
            while (!cancel.isCancelled()) {
                try {
                    wait(10);
                } catch (InterruptedException e) {
                    throw new AtelierException(ErrorCode.CANCELLED, "Cancelled");
                }
            }
            throw new AtelierException(ErrorCode.CANCELLED, "Cancelled");
        }
        Raster in = input.image();
        return OperationResult.whole(switch (op) {
            case UPSCALE -> nearest2x(in);
            case REMOVE_BACKGROUND -> clearLeftAlpha(in);
            default -> invert(in);
        }, List.of(op.id() + " ran"));
    }

    List<Operation> ops() {
        return calls.stream().map(Call::op).toList();
    }

    static Raster invert(Raster in) {
        byte[] b = in.toByteArray();
        for (int i = 0; i < b.length; i++) {
            if (i % 4 != 3) {
                b[i] = (byte) (255 - (b[i] & 0xFF));
            }
        }
        return Raster.wrap(in.width(), in.height(), b);
    }

    static Raster nearest2x(Raster in) {
        int w = in.width() * 2;
        int h = in.height() * 2;
        byte[] b = new byte[4 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    b[4 * (y * w + x) + c] = (byte) in.get(x / 2, y / 2, c);
                }
            }
        }
        return Raster.wrap(w, h, b);
    }

    static Raster clearLeftAlpha(Raster in) {
        byte[] b = in.toByteArray();
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width() / 2; x++) {
                b[4 * (y * in.width() + x) + 3] = 0;
            }
        }
        return Raster.wrap(in.width(), in.height(), b);
    }
}
