/**
 * Text side of diffusion: turning a prompt into the token ids a CLIP text encoder takes. {@link
 * dev.atelier.inference.diffusion.text.ClipTokenizer} reads a model's {@code tokenizer/} folder (vocab.json,
 * merges.txt and the special-token settings) and needs nothing but the JDK and gson.
 */
package dev.atelier.inference.diffusion.text;
