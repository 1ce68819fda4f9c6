package dev.atelier.host.gimp;

import com.google.gson.JsonElement;
import com.sun.jna.Pointer;
import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.JobHandle;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.HostPixels;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.panel.Panel;
import dev.atelier.core.panel.PanelDescriptor;
import dev.atelier.core.panel.SourceField;
import dev.atelier.core.panel.SourceKind;
import dev.atelier.host.gimp.jna.Gimp;
import dev.atelier.host.gimp.jna.Params;
import dev.atelier.host.gimp.jna.PdbValue;
import dev.atelier.host.gimp.pdb.DaemonProcedures;
import dev.atelier.host.gimp.pdb.ProcedureSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The GIMP 2.10 plug-in. GIMP runs its launcher as {@code atelier -gimp RFD WFD -query|-init|-run MODE}; the
 * launcher passes its own path first, so {@link #main} gets {@code [argv0, -gimp, rfd, wfd, mode, stackmode]} and
 * hands them to {@code gimp_main}. Query installs one procedure per panel (the built-ins and the daemon's Apps);
 * run reads the drawable (and selection), submits it to the daemon under the panel's id, shows progress and
 * inserts the result as a new layer in one undo step.
 *
 * <p>Other entry points: {@code --warmup} (loads the classes a call uses, for the installer's class-data archive)
 * and {@code --cancel SOCKET JOB} (the cancel watchdog's call, see {@link CancelGuard}).
 */
public final class GimpPlugin {

    /** Image types the menu entries accept; a script passing an indexed image gets a clear error. */
    public static final String IMAGE_TYPES = "RGB*, GRAY*";
    /** Set to 1 to make every call first throw a million caught NullPointerExceptions (libjsig check). */
    public static final String STRESS_ENV = "ATELIER_GIMP_STRESS";

    /** Set to 1 to print the time of each phase of a call to stderr (milliseconds since the JVM started). */
    public static final String TRACE_ENV = "ATELIER_GIMP_TRACE";

    private static final String RGBA = "R'G'B'A u8";
    private static final boolean TRACE = "1".equals(System.getenv(TRACE_ENV));

    private final Gimp gimp;
    private final Path pluginDir;
    private final Map<String, ProcedureSpec> specs = new LinkedHashMap<>();
    /** The return values GIMP reads after run() returns; kept referenced until the next call. */
    private Params.Block returnValues;

    GimpPlugin(Gimp gimp, Path pluginDir) {
        this.gimp = gimp;
        this.pluginDir = pluginDir;
        for (Panel p : BuiltInPanels.all()) {
            ProcedureSpec spec = ProcedureSpec.of(p.descriptor());
            specs.put(spec.name(), spec);
        }
    }

    public static void main(String[] args) {
        if (args.length >= 1 && args[0].equals("--warmup")) {
            Warmup.run();
            return;
        }
        if (args.length == 3 && args[0].equals("--cancel")) {
            System.exit(cancel(Path.of(args[1]), args[2]));
        }
        if (args.length < 2 || !args[1].equals("-gimp")) {
            System.err.println("This is a GIMP plug-in; GIMP starts it. Install it with: atelier install --host gimp");
            System.exit(2);
        }
        trace("main");
        Path argv0 = Path.of(args[0]).toAbsolutePath();
        GimpPlugin plugin = new GimpPlugin(Gimp.load(), argv0.getParent());
        int rc = plugin.gimp.main(plugin::query, plugin::runCallback, args);
        System.exit(rc);
    }

    /**
     * Installs one procedure per panel, each under Filters ▸ Atelier: the built-ins, and the daemon's other panels
     * (Apps) when it can be reached now. GIMP queries a plug-in only when its files change, so Apps added later
     * appear after {@code atelier install --host gimp} and a GIMP restart.
     */
    void query() {
        try {
            for (ProcedureSpec spec : DaemonProcedures.extra(clientOptions())) {
                specs.putIfAbsent(spec.name(), spec);
            }
        } catch (AtelierException | UserError | RuntimeException e) {
            System.err.println("Atelier: only the built-in panels are registered; the daemon's other panels "
                    + "(Apps) could not be listed: " + oneLine(String.valueOf(e.getMessage())));
        }
        for (ProcedureSpec spec : specs.values()) {
            gimp.installProcedure(spec.name(), spec.blurb(), help(spec), spec.menuLabel(), IMAGE_TYPES,
                    spec.params(), spec.returns());
            gimp.menuRegister(spec.name(), ProcedureSpec.MENU_PATH);
        }
    }

    private static String help(ProcedureSpec spec) {
        return spec.panel().description() + " Runs in the Atelier daemon; the result is added as a new layer "
                + "(the image is left untouched when the call fails).";
    }

    private void runCallback(String name, int nParams, Pointer params, Pointer nReturnVals, Pointer returnVals) {
        List<PdbValue> out;
        try {
            out = run(name, Params.read(params, nParams));
        } catch (Throwable t) { // nothing may escape into C
            out = error(Gimp.STATUS_EXECUTION_ERROR, "Atelier: internal error: " + t);
        }
        returnValues = Params.write(out);
        nReturnVals.setInt(0, out.size());
        returnVals.setPointer(0, returnValues.pointer());
    }

    /** Runs one call and returns its return values (status first). */
    List<PdbValue> run(String name, List<PdbValue> params) {
        ProcedureSpec spec = specs.get(name);
        if (spec == null) {
            spec = daemonSpec(name); // an App: its fields come from the daemon, as registered at query time
        }
        if (spec == null) {
            return error(Gimp.STATUS_CALLING_ERROR, "Atelier: unknown procedure " + name);
        }
        trace("run " + name);
        if (params.size() < ProcedureSpec.FIXED_ARGS) {
            return error(Gimp.STATUS_CALLING_ERROR, "Atelier: " + name + " needs run-mode, image and drawable");
        }
        int runMode = params.get(0).asInt();
        int image = params.get(1).asInt();
        int drawable = params.get(2).asInt();
        boolean interactive = runMode == Gimp.RUN_INTERACTIVE;
        if (interactive && params.size() < spec.params().size()) {
            return dialog(spec, image, drawable);
        }
        if ("1".equals(System.getenv(STRESS_ENV))) {
            Warmup.stress();
        }
        List<Object> fieldArgs = new ArrayList<>();
        for (PdbValue v : params.subList(ProcedureSpec.FIXED_ARGS, params.size())) {
            fieldArgs.add(v.value());
        }
        try {
            int layer = execute(spec, image, drawable, spec.valuesOf(fieldArgs));
            return List.of(PdbValue.status(Gimp.STATUS_SUCCESS), PdbValue.layer(layer));
        } catch (AtelierException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                return error(Gimp.STATUS_CANCEL, "Atelier: cancelled");
            }
            String message = e.code() == ErrorCode.DAEMON_UNAVAILABLE
                    ? "Atelier: could not reach the daemon: " + e.getMessage()
                    : "Atelier: " + e.getMessage();
            return fail(interactive, message);
        } catch (UserError e) {
            return fail(interactive, e.getMessage());
        } catch (RuntimeException e) {
            return fail(interactive, "Atelier: " + spec.panel().title() + " failed: " + e);
        }
    }

    /** Returns the procedure of a panel the daemon offers beyond the built-ins, or null. */
    private ProcedureSpec daemonSpec(String name) {
        try {
            return DaemonProcedures.extra(clientOptions()).stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElse(null);
        } catch (AtelierException | UserError | RuntimeException e) {
            return null;
        }
    }

    private ClientOptions clientOptions() throws UserError {
        try {
            return PluginConfig.read(pluginDir).clientOptions();
        } catch (java.io.IOException e) {
            throw new UserError("Atelier: bad settings: " + e.getMessage());
        }
    }

    private List<PdbValue> fail(boolean interactive, String message) {
        String line = oneLine(message);
        if (interactive) {
            gimp.message(line);
        }
        return error(Gimp.STATUS_EXECUTION_ERROR, line);
    }

    /** Opens the generated Script-Fu dialog, which calls this procedure again non-interactively. */
    private List<PdbValue> dialog(ProcedureSpec spec, int image, int drawable) {
        String dialog = dev.atelier.host.gimp.scriptfu.ScriptFu.dialogName(spec);
        List<PdbValue> ret = gimp.runProcedure(dialog, List.of(PdbValue.int32(Gimp.RUN_INTERACTIVE),
                PdbValue.image(image), PdbValue.drawable(drawable)));
        int status = ret.isEmpty() ? Gimp.STATUS_CALLING_ERROR : ret.get(0).asInt();
        if (status == Gimp.STATUS_SUCCESS) {
            return List.of(PdbValue.status(status), PdbValue.layer(gimp.activeLayer(image)));
        }
        if (status == Gimp.STATUS_CANCEL) {
            return List.of(PdbValue.status(status));
        }
        if (status == Gimp.STATUS_CALLING_ERROR && ret.size() < 2) {
            return fail(true, "Atelier: the dialog " + dialog + " is missing; reinstall with: atelier install "
                    + "--host gimp");
        }
        return ret.size() > 1 ? List.of(ret.get(0), ret.get(1)) : List.of(PdbValue.status(status));
    }

    /**
     * Reads, submits, waits and inserts; returns the new layer (a batch's first). Touches the image only once the
     * result is in, with every image of a batch.
     */
    private int execute(ProcedureSpec spec, int image, int drawable, Map<String, JsonElement> values)
            throws AtelierException, UserError {
        PanelDescriptor panel = spec.panel();
        String title = panel.title();
        int baseType = gimp.imageBaseType(image);
        if (baseType == Gimp.INDEXED) {
            throw new UserError("Atelier: indexed images are not supported; convert to RGB (Image ▸ Mode ▸ RGB)");
        }
        int w = gimp.drawableWidth(drawable);
        int h = gimp.drawableHeight(drawable);
        int[] off = gimp.drawableOffsets(drawable);
        Raster pixels = TilePixels.toRaster(w, h, gimp.readTiles(drawable, 0, 0, w, h), gimp.bytesPerPixel(drawable));
        trace("pixels read");
        Submission.Builder sub = Submission.builder().setOperation(panel.id()) // the panel id: a built-in or an App
                .setImage(pixels).optPriority(10);
        values.forEach(sub::optParam);
        if (wantsSelection(panel)) {
            sub.optMask(selectionMask(image, off[0], off[1], w, h));
        }
        ClientOptions options = clientOptions();
        OperationResult result;
        gimp.progressInit("Atelier " + title + "…");
        try (DaemonClient client = DaemonClient.connect(options)) {
            AtomicReference<Double> progress = new AtomicReference<>();
            trace("connected");
            JobHandle job = client.submit(sub.build(), (f, msg, preview) -> progress.set(f));
            try (CancelGuard guard = CancelGuard.arm(job.id(), options.socket(), () -> cancelQuietly(job))) {
                while (!job.isDone()) {
                    Double f = progress.getAndSet(null);
                    if (f != null) {
                        gimp.progressUpdate(Math.max(0, Math.min(1, f)));
                    }
                    sleep(40);
                }
                result = job.await();
            }
        }
        trace("result in");
        gimp.progressUpdate(1.0);
        int layer = insert(spec, image, baseType, off, w, result, values);
        trace("layer inserted");
        return layer;
    }

    private int insert(ProcedureSpec spec, int image, int baseType, int[] off, int w, OperationResult r,
            Map<String, JsonElement> values) throws UserError {
        String title = spec.panel().title();
        JsonElement prompt = values.get("prompt");
        String name = "Atelier " + title
                + (prompt != null && !prompt.getAsString().isBlank() ? ": " + oneLine(prompt.getAsString()) : "");
        int rw = r.image().width();
        int rh = r.image().height();
        int imgW = gimp.imageWidth(image);
        int imgH = gimp.imageHeight(image);
        gimp.undoGroupStart(image);
        try {
            int lx;
            int ly;
            if (spec.panel().operation() == Operation.UPSCALE) {
                int factor = Math.max(1, Math.round(r.canvasWidth() / (float) w));
                if (!gimp.scaleImage(image, imgW * factor, imgH * factor)) {
                    throw new UserError("Atelier: could not scale the image by " + factor);
                }
                lx = off[0] * factor + r.x();
                ly = off[1] * factor + r.y();
            } else {
                lx = off[0] + r.x();
                ly = off[1] + r.y();
                int minX = Math.min(0, lx);
                int minY = Math.min(0, ly);
                int maxX = Math.max(imgW, lx + rw);
                int maxY = Math.max(imgH, ly + rh);
                if (minX < 0 || minY < 0 || maxX > imgW || maxY > imgH) {
                    gimp.resizeImage(image, maxX - minX, maxY - minY, -minX, -minY);
                    lx -= minX;
                    ly -= minY;
                }
            }
            int type = baseType == Gimp.GRAY ? Gimp.GRAYA_IMAGE : Gimp.RGBA_IMAGE;
            List<Raster> images = r.images();
            int layer = -1;
            // Last first: each new layer goes above the active one, so "1/N" ends on top, active, and returned.
            for (int k = images.size() - 1; k >= 0; k--) {
                layer = gimp.addLayer(image, layerName(name, k, images.size()), rw, rh, type, lx, ly);
                if (layer < 0) {
                    throw new UserError("Atelier: GIMP refused the new layer");
                }
                if (type == Gimp.RGBA_IMAGE) {
                    gimp.writeTiles(layer, rw, rh, HostPixels.toGimpRgba(images.get(k)));
                } else {
                    gimp.write(layer, rw, rh, RGBA, HostPixels.toGimpRgba(images.get(k))); // GEGL converts to grey
                }
            }
            return layer;
        } finally {
            gimp.undoGroupEnd(image);
            gimp.displaysFlush();
        }
    }

    /** The layer name for image {@code index} of {@code count}: "Atelier Img2Img 2/4: a cat" in a batch. */
    static String layerName(String name, int index, int count) {
        if (count == 1) {
            return name;
        }
        int colon = name.indexOf(": ");
        String tag = " " + (index + 1) + "/" + count;
        return colon < 0 ? name + tag : name.substring(0, colon) + tag + name.substring(colon);
    }

    private static boolean wantsSelection(PanelDescriptor panel) {
        return panel.fields().stream().anyMatch(
                f -> f instanceof SourceField s && s.allowed().contains(SourceKind.SELECTION));
    }

    /** The selection over the drawable's area, or everything when nothing is selected. */
    private Mask selectionMask(int image, int x, int y, int w, int h) {
        if (gimp.selectionIsEmpty(image)) {
            return Mask.filled(w, h, 255);
        }
        // The selection is image-sized; the drawable may stick out of the image, where nothing is selected.
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(gimp.imageWidth(image), x + w);
        int y1 = Math.min(gimp.imageHeight(image), y + h);
        byte[] mask = new byte[w * h];
        if (x1 > x0 && y1 > y0) {
            byte[] inside = gimp.readTiles(gimp.imageSelection(image), x0, y0, x1 - x0, y1 - y0);
            for (int row = 0; row < y1 - y0; row++) {
                System.arraycopy(inside, row * (x1 - x0), mask, (y0 - y + row) * w + (x0 - x), x1 - x0);
            }
        }
        return Mask.wrap(w, h, mask);
    }

    private static void cancelQuietly(JobHandle job) {
        try {
            if (!job.isDone()) {
                job.cancel();
            }
        } catch (AtelierException | RuntimeException e) {
            // Best effort while the process is going away.
        }
    }

    /** {@code --cancel SOCKET JOB}: cancel a job of a plug-in process that GIMP killed. */
    static int cancel(Path socket, String jobId) {
        try (DaemonClient client = DaemonClient.connect(ClientOptions.builder().setSocket(socket)
                .optClientName("atelier-gimp-cancel").optRequestTimeout(Duration.ofSeconds(5)).build())) {
            client.cancel(jobId);
            return 0;
        } catch (AtelierException e) {
            return 1;
        }
    }

    private static List<PdbValue> error(int status, String message) {
        return List.of(PdbValue.status(status), PdbValue.string(oneLine(message)));
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    static void trace(String what) {
        if (TRACE) {
            long ms = System.currentTimeMillis() - ProcessHandle.current().info().startInstant()
                    .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
            System.err.println("[atelier] " + ms + " ms: " + what);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A problem to tell the user as is (already worded, one line). */
    static final class UserError extends Exception {
        UserError(String message) {
            super(message);
        }
    }
}
