package dev.atelier.inference.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * ESRGAN upscaling on ONNX Runtime, tiled, and ISNet cut-outs ({@link IsnetJobs}: Remove background, Prep for 3D
 * of opaque images). ORT is initialised on the first job; its natives are unpacked under the engine cache folder
 * instead of {@code java.io.tmpdir}. Sessions are cached per model file.
 */
public final class OnnxEngine implements Engine {

    static final String NO_MODEL = "no ESRGAN model installed (atelier models install esrgan-slim)";
    private static final Logger LOG = Logger.getLogger(OnnxEngine.class.getName());

    private final EngineContext context;
    private final Path modelsRoot;
    private final Map<Path, OrtSession> sessions = new HashMap<>();
    private OrtEnvironment env;
    private String device = "CPU";
    private boolean cuda;
    private TiledUpscaler.Tiling tiling = TiledUpscaler.Tiling.DEFAULT;

    public OnnxEngine(EngineContext context, Path modelsRoot) {
        this.context = context;
        this.modelsRoot = modelsRoot;
    }

    /** Overrides the tiling (tests compare tiled with whole-image output). */
    public void tiling(TiledUpscaler.Tiling t) {
        this.tiling = t;
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (IsnetJobs.handles(request)) {
            return IsnetJobs.unsupportedReason(request, null, modelsRoot);
        }
        if (!(request instanceof UpscaleRequest)) {
            return Optional.of(request.operation().title() + " is not an ONNX operation");
        }
        return EsrganModels.installed(modelsRoot).isEmpty() ? Optional.of(NO_MODEL) : Optional.empty();
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request, JobInput input) {
        return IsnetJobs.handles(request) ? IsnetJobs.unsupportedReason(request, input.image(), modelsRoot)
                : unsupportedReason(request);
    }

    /** Returns the model a preset uses: Precise prefers the fast models, Balanced/Creative the thickest. */
    static Optional<EsrganModels.Installed> choose(List<EsrganModels.Installed> installed, UpscalePreset preset) {
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        if (preset == UpscalePreset.PRECISE) {
            for (String id : List.of("esrgan-medium", "esrgan-slim", "esrgan-thick")) {
                for (EsrganModels.Installed m : installed) {
                    if (m.id().equals(id)) {
                        return Optional.of(m);
                    }
                }
            }
        }
        return Optional.of(installed.get(installed.size() - 1));
    }

    /** Returns the model scale to run for {@code factor}: exact, else the largest below, else the smallest above. */
    static int scaleFor(EsrganModels.Installed m, int factor) {
        if (m.files().containsKey(factor)) {
            return factor;
        }
        Integer below = m.files().floorKey(factor);
        return below != null ? below : m.files().ceilingKey(factor);
    }

    @Override
    public synchronized OperationResult run(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        if (IsnetJobs.handles(request)) {
            Path model = IsnetModels.find(modelsRoot)
                    .orElseThrow(() -> new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, IsnetJobs.NO_MODEL));
            OrtSession isnet = session(model);
            return IsnetJobs.run(request, input.image(), nchw -> mask(isnet, nchw), "ONNX Runtime (" + device + ")",
                    context.threads(), progress, cancel);
        }
        UpscaleRequest u = (UpscaleRequest) request;
        cancel.check();
        EsrganModels.Installed model = choose(EsrganModels.installed(modelsRoot), u.preset())
                .orElseThrow(() -> new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, NO_MODEL));
        int scale = scaleFor(model, u.factor());
        OrtSession session = session(model.files().get(scale));
        Raster src = input.image();
        List<String> notices = new ArrayList<>();
        notices.add(model.id() + " ×" + scale + " ran on ONNX Runtime (" + device + ")");
        Raster alpha = null;
        if (TiledUpscaler.hasAlpha(src)) {
            alpha = LanczosUpscaler.resize(src, src.width() * scale, src.height() * scale, context.threads(),
                    ProgressSink.none(), cancel);
        }
        boolean compose = scale != u.factor();
        Raster out = TiledUpscaler.upscale(src, scale, model.rangeMax(), (chw, w, h) -> infer(session, chw, w, h),
                tiling, alpha, progress, 0, compose ? 0.85 : 1, cancel);
        if (compose) {
            out = LanczosUpscaler.resize(out, src.width() * u.factor(), src.height() * u.factor(), context.threads(),
                    (f, msg) -> progress.report(0.85 + 0.15 * f, msg), cancel);
            notices.add("×" + u.factor() + " composed: " + model.id() + " ×" + scale + ", then Lanczos "
                    + (scale < u.factor() ? "×" + (u.factor() / scale) : "down to ×" + u.factor()));
        }
        if (u.preset() != UpscalePreset.PRECISE) {
            notices.add(u.preset().label() + "'s diffusion refinement is not available yet; " + model.id()
                    + " alone was used");
        }
        return OperationResult.whole(out, notices);
    }

    private float[] infer(OrtSession session, float[] chw, int w, int h) throws AtelierException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(chw), new long[] {1, 3, h, w});
                OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "ONNX Runtime failed: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new AtelierException(ErrorCode.OUT_OF_MEMORY, "Not enough memory for a tile", e);
        }
    }

    /** Runs ISNet on one 1×3×1024×1024 input, fetching only its {@code output} (not its side outputs). */
    private float[] mask(OrtSession session, float[] nchw) throws AtelierException {
        int side = BackgroundRemover.SIDE;
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), new long[] {1, 3, side, side});
                OrtSession.Result r = session.run(Map.of("input", t), java.util.Set.of("output"))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private OrtSession session(Path file) throws AtelierException {
        OrtSession s = sessions.get(file);
        if (s != null) {
            return s;
        }
        try {
            initRuntime();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(context.threads());
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (cuda) {
                opts.addCUDA(0);
            }
            s = env.createSession(file.toString(), opts);
            sessions.put(file, s);
            return s;
        } catch (OrtException | IOException | LinkageError e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "Cannot load model " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private void initRuntime() throws IOException, OrtException {
        if (env != null) {
            return;
        }
        long t0 = System.nanoTime();
        unpackNatives(context.cacheDir().resolve("onnxruntime"));
        env = OrtEnvironment.getEnvironment();
        cuda = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA) && cudaWorks();
        device = cuda ? "GPU (CUDA)" : "CPU, " + context.threads() + " threads";
        LOG.info("ONNX Runtime " + env.getVersion() + " ready on " + device + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    private static boolean cudaWorks() {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.addCUDA(0);
            return true;
        } catch (OrtException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Unpacks ORT's natives from its jar into {@code dir} (once) and points {@code onnxruntime.native.path} at them,
     * so nothing lands in {@code java.io.tmpdir}. Leaves ORT's default when the property is already set or the
     * platform's natives are not in the jar.
     */
    static void unpackNatives(Path dir) throws IOException {
        if (System.getProperty("onnxruntime.native.path") != null) {
            return;
        }
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch").toLowerCase();
        String platform = (os.contains("win") ? "win" : os.contains("mac") ? "osx" : "linux") + "-"
                + (arch.equals("amd64") || arch.equals("x86_64") ? "x64" : "aarch64");
        Path target = dir.resolve(OrtEnvironment.class.getPackage().getImplementationVersion() == null ? "ort"
                : "ort-" + OrtEnvironment.class.getPackage().getImplementationVersion()).resolve(platform);
        List<String> libs = List.of(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
        Map<String, String> found = new HashMap<>();
        for (String lib : libs) {
            found.put(lib, "/ai/onnxruntime/native/" + platform + "/" + lib);
        }
        Files.createDirectories(target);
        for (Entry<String, String> e : found.entrySet()) {
            Path file = target.resolve(e.getKey());
            try (InputStream in = OrtEnvironment.class.getResourceAsStream(e.getValue())) {
                if (in == null) {
                    return; // not packaged for this platform: let ORT do its own thing
                }
                if (!Files.isRegularFile(file)) {
                    Path tmp = Files.createTempFile(target, e.getKey(), ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        System.setProperty("onnxruntime.native.path", target.toString());
    }

    @Override
    public synchronized void close() {
        for (OrtSession s : sessions.values()) {
            try {
                s.close();
            } catch (OrtException e) {
                LOG.warning("closing ONNX session: " + e.getMessage());
            }
        }
        sessions.clear();
    }
}
