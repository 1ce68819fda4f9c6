package dev.atelier.inference.daemon;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.ImageDecodeException;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.plan.ExpandPlanner;
import dev.atelier.core.plan.Margins;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.core.operation.WorkflowRequest;
import dev.atelier.core.workflow.AppPanels;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.panel.Panel;
import dev.atelier.core.protocol.BlobInfo;
import dev.atelier.core.protocol.Frame;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.workflow.AppJob;
import dev.atelier.inference.workflow.WorkflowLibrary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a SUBMIT frame into a typed request and its pixels, refusing with a request error (2xx) anything wrong:
 * unknown operation, bad parameters, missing, corrupt or oversized images, a missing or mismatched mask, or a
 * result that would exceed the output limit.
 */
final class SubmitDecoder {

    private final long maxInputPixels;
    private final long maxOutputPixels;
    private final EngineRegistry engines;
    private final WorkflowLibrary workflows;

    SubmitDecoder(long maxInputPixels, long maxOutputPixels, EngineRegistry engines, WorkflowLibrary workflows) {
        this.maxInputPixels = maxInputPixels;
        this.maxOutputPixels = maxOutputPixels;
        this.engines = engines;
        this.workflows = workflows;
    }

    /**
     * A decoded submission; {@code app} is set when {@code op} named an App rather than a built-in operation.
     */
    record Submission(OperationRequest request, JobInput input, Optional<App> app) {}

    /** An App submission: its workflow and every node's request, bound before the host hears ACCEPTED. */
    record App(CheckedWorkflow workflow, Map<String, OperationRequest> nodes) {}

    /**
     * Decodes a SUBMIT. Its {@code op} is a panel id: a built-in operation's (the id is the operation's) or an
     * App's, found in the workflow folders as they are now.
     */
    Submission decode(Frame frame) throws AtelierException {
        JsonObject header = frame.header();
        if (!header.has("op") || !header.get("op").isJsonPrimitive()) {
            throw new AtelierException(ErrorCode.BAD_REQUEST, "SUBMIT needs an \"op\" string");
        }
        String opId = header.get("op").getAsString();
        Optional<Operation> builtIn = Operation.byId(opId).filter(o -> o != Operation.WORKFLOW);
        if (builtIn.isEmpty()) {
            return decodeApp(frame, opId);
        }
        Operation op = builtIn.get();
        Optional<String> unavailable = engines.unavailableReason(op);
        if (unavailable.isPresent()) { // say so before asking the user to fix parameters or masks
            throw new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, unavailable.get());
        }
        Panel panel = BuiltInPanels.byId(op.id()).orElseThrow();
        OperationRequest request = panel.bind(params(header));

        Raster image = image(frame);
        Optional<Mask> mask = mask(frame, image);
        if (op.needsMask() && mask.isEmpty()) {
            throw new AtelierException(ErrorCode.MASK_REQUIRED,
                    op.title() + " needs a mask: select the area to change first");
        }
        checkOutputSize(request, image, mask);
        return new Submission(request, new JobInput(image, mask), Optional.empty());
    }

    private Submission decodeApp(Frame frame, String id) throws AtelierException {
        WorkflowLibrary.Scan scan = workflows.scan();
        List<String> apps = scan.apps().stream().map(f -> f.workflow().id()).toList();
        CheckedWorkflow w = scan.app(id).map(WorkflowLibrary.Found::workflow).orElseThrow(() -> new AtelierException(
                ErrorCode.UNKNOWN_OPERATION, "Unknown operation '" + id + "'; known: " + knownOperations()
                        + (apps.isEmpty() ? "" : "; Apps: " + String.join(", ", apps))));
        Optional<String> unavailable = AppJob.unavailableReason(w, engines);
        if (unavailable.isPresent()) {
            throw new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, unavailable.get());
        }
        WorkflowRequest request = (WorkflowRequest) AppPanels.panel(w).bind(params(frame.header()));
        Map<String, OperationRequest> nodes = AppJob.bind(w, request);
        Raster image = image(frame);
        Optional<Mask> mask = mask(frame, image);
        if (mask.isEmpty() && w.maskInput().filter(m -> !m.optional()).isPresent()) {
            throw new AtelierException(ErrorCode.MASK_REQUIRED,
                    w.workflow().title() + " needs a mask: select the area to change first");
        }
        return new Submission(request, new JobInput(image, mask), Optional.of(new App(w, nodes)));
    }

    static String knownOperations() {
        return java.util.Arrays.stream(Operation.values()).filter(o -> o != Operation.WORKFLOW).map(Operation::id)
                .collect(Collectors.joining(", "));
    }

    private static Map<String, JsonElement> params(JsonObject header) throws AtelierException {
        Map<String, JsonElement> values = new LinkedHashMap<>();
        if (header.has("params")) {
            if (!header.get("params").isJsonObject()) {
                throw new AtelierException(ErrorCode.BAD_REQUEST, "SUBMIT \"params\" must be an object");
            }
            header.getAsJsonObject("params").entrySet().forEach(e -> values.put(e.getKey(), e.getValue()));
        }
        return values;
    }

    private Raster image(Frame frame) throws AtelierException {
        BlobInfo info = frame.blobInfo("image").orElseThrow(() -> new AtelierException(ErrorCode.BAD_REQUEST,
                "SUBMIT needs an \"image\" blob (rgba8 or png)"));
        switch (info.format()) {
            case RGBA8 -> {
                checkPixels("image", info.width(), info.height());
                return frame.raster("image").orElseThrow();
            }
            case PNG -> {
                return decodePng("image", frame.blob("image").orElseThrow());
            }
            default -> throw new AtelierException(ErrorCode.BAD_REQUEST,
                    "blob \"image\" has format '" + info.format() + "'; use rgba8 or png");
        }
    }

    private Optional<Mask> mask(Frame frame, Raster image) throws AtelierException {
        Optional<BlobInfo> found = frame.blobInfo("mask");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BlobInfo info = found.get();
        byte[] bytes = frame.blob("mask").orElseThrow();
        Mask mask = switch (info.format()) {
            case GRAY8 -> Mask.wrap(info.width(), info.height(), bytes);
            case PNG -> Mask.fromImage(decodePng("mask", bytes));
            default -> throw new AtelierException(ErrorCode.BAD_REQUEST,
                    "blob \"mask\" has format '" + info.format() + "'; use gray8 or png");
        };
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw new AtelierException(ErrorCode.BAD_REQUEST, "mask is " + mask.width() + "x" + mask.height()
                    + " but the image is " + image.width() + "x" + image.height() + "; they must match");
        }
        return Optional.of(mask);
    }

    private Raster decodePng(String name, byte[] png) throws AtelierException {
        try {
            return Png.read(png, maxInputPixels);
        } catch (ImageDecodeException e) {
            throw new AtelierException(e.isTooLarge() ? ErrorCode.IMAGE_TOO_LARGE : ErrorCode.IMAGE_DECODE_FAILED,
                    "blob \"" + name + "\": " + e.getMessage());
        }
    }

    private void checkPixels(String name, int w, int h) throws AtelierException {
        long pixels = (long) w * h;
        if (pixels > maxInputPixels) {
            throw new AtelierException(ErrorCode.IMAGE_TOO_LARGE, "blob \"" + name + "\": image " + w + "x" + h
                    + " has " + pixels + " pixels, above the limit of " + maxInputPixels);
        }
    }

    void checkOutputSize(OperationRequest request, Raster image, Optional<Mask> mask)
            throws AtelierException {
        long w = image.width();
        long h = image.height();
        if (request instanceof UpscaleRequest u) {
            w *= u.factor();
            h *= u.factor();
        } else if (request instanceof ExpandRequest e) {
            Margins m; // resolved here, before queueing, so "which way?" is answered at once
            try {
                m = ExpandPlanner.margins(e, image.width(), image.height(), mask, new String[1]);
            } catch (IllegalArgumentException bad) {
                throw new AtelierException(ErrorCode.INVALID_PARAMETERS, (bad.getMessage().startsWith("Expand") ? "" : "Expand: ") + bad.getMessage());
            }
            w += m.left() + m.right();
            h += m.top() + m.bottom();
        } else if (request instanceof Prep3dRequest p) {
            w = p.size();
            h = p.size();
        }
        if (w * h > maxOutputPixels || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new AtelierException(ErrorCode.IMAGE_TOO_LARGE, request.operation().title() + " of "
                    + image.width() + "x" + image.height() + " would make " + w + "x" + h + " (" + w * h
                    + " pixels), above the output limit of " + maxOutputPixels);
        }
        // A batch's images travel in one RESULT, so together they stay within the limit (and the payload).
        int count = batchCount(request);
        if (count > 1 && w * h * count > maxOutputPixels) {
            throw new AtelierException(ErrorCode.IMAGE_TOO_LARGE, request.operation().title() + " of "
                    + image.width() + "x" + image.height() + " in a batch of " + count + " would make " + count
                    + " images of " + w + "x" + h + " (" + w * h * count + " pixels in all), above the output limit"
                    + " of " + maxOutputPixels + "; lower the batch count");
        }
    }

    private static int batchCount(OperationRequest request) {
        if (request instanceof Img2ImgRequest i) {
            return i.generation().count();
        }
        if (request instanceof RetouchRequest r) {
            return r.generation().count();
        }
        return request instanceof ExpandRequest e ? e.generation().count() : 1;
    }
}
