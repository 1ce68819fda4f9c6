package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.engine.CancelToken;

/**
 * Line-art extraction with the eXtended Difference of Gaussians (Winnemöller, Kyprianidis and Olsen, "XDoG: An
 * eXtended difference-of-Gaussians compendium", 2012): black lines on white, opaque, same size as the input.
 *
 * <p>On the luma L (0..1, transparency composited over white paper), D = G_sigma(L) - tau * G_k·sigma(L) is
 * slightly positive on flat areas (tau &lt; 1) and negative on the dark side of edges and along dark strokes.
 * The soft threshold T(D) = 1 for D ≥ epsilon, else 1 + tanh(phi (D - epsilon)), turns that into ink with
 * antialiased edges; a slightly negative epsilon ignores faint texture.
 */
public final class XdogLineArt {

    /** Tunables of the operator; see the class comment. */
    public record Params(double sigma, double k, double tau, double epsilon, double phi) {}

    private XdogLineArt() {}

    /**
     * Returns parameters for a line weight from 0.3 (hairline) to 5 (bold): the weight sets sigma, the width of
     * the smaller Gaussian, which is about the half-width of the resulting lines.
     */
    public static Params forLineWeight(double lineWeight) {
        double lw = Math.max(0.3, Math.min(5, lineWeight));
        return new Params(0.4 + 0.8 * lw, 1.6, 0.98, -0.01, 40);
    }

    /** Returns line art for {@code lineWeight} (0.3..5, 1 is a good default). */
    public static Raster extract(RgbaView src, double lineWeight, CancelToken cancel) throws AtelierException {
        return extract(src, forLineWeight(lineWeight), cancel);
    }

    /** Returns line art for explicit parameters. */
    public static Raster extract(RgbaView src, Params p, CancelToken cancel) throws AtelierException {
        if (!(p.sigma() > 0) || !(p.k() > 1) || !(p.phi() > 0)) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS,
                    "XDoG needs sigma > 0, k > 1 and phi > 0, got " + p);
        }
        int w = src.width();
        int h = src.height();
        float[] luma = Planes.luma(src, 1f);
        cancel.check();
        float[] narrow = GaussianBlur.blur(luma, w, h, p.sigma());
        cancel.check();
        float[] wide = GaussianBlur.blur(luma, w, h, p.k() * p.sigma());
        cancel.check();
        float tau = (float) p.tau();
        float eps = (float) p.epsilon();
        double phi = p.phi();
        float[] out = narrow; // reuse: each value is read once before being overwritten
        for (int i = 0; i < out.length; i++) {
            float d = narrow[i] - tau * wide[i];
            out[i] = d >= eps ? 1f : (float) (1 + Math.tanh(phi * (d - eps)));
        }
        return Planes.toGrey(out, w, h);
    }
}
