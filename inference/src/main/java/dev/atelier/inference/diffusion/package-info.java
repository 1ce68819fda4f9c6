/**
 * Stable Diffusion pipelines on user-provided models: {@link dev.atelier.inference.diffusion.SdModelLayout}
 * describes a model folder before loading it, {@link dev.atelier.inference.diffusion.SdPipeline} runs txt2img,
 * img2img and inpainting on it with the schedulers of {@code diffusion.scheduler} and the tokenizer of
 * {@code diffusion.text}, its VAE behind {@code VaeCodec} (image ↔ latents, tiled decode);
 * {@link dev.atelier.inference.diffusion.LatentPreview} makes the per-step thumbnails.
 */
package dev.atelier.inference.diffusion;
