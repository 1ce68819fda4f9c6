/**
 * The {@code diffusion} engine: Img2Img, Retouch and Expand on the installed Stable Diffusion ONNX model through
 * {@link dev.atelier.inference.diffusion.SdPipeline}, following the same plans as the classical fill. Declines while
 * no model is installed, so the classical fill answers Retouch and Expand.
 */
package dev.atelier.inference.engine.diffusion;
