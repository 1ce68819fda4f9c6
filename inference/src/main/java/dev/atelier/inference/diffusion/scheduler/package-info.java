/**
 * Diffusion schedulers in plain float32 Java, following diffusers' numerics so that the same model, timesteps
 * and noise give the same latents: {@link dev.atelier.inference.diffusion.scheduler.DdimScheduler},
 * {@link dev.atelier.inference.diffusion.scheduler.EulerScheduler},
 * {@link dev.atelier.inference.diffusion.scheduler.EulerAncestralScheduler},
 * {@link dev.atelier.inference.diffusion.scheduler.DpmSolverMultistepScheduler} (DPM++ 2M, optional Karras σ) and
 * {@link dev.atelier.inference.diffusion.scheduler.LcmScheduler}, created by name through
 * {@link dev.atelier.inference.diffusion.scheduler.Schedulers}. A model's {@code scheduler_config.json} is read
 * into a {@link dev.atelier.inference.diffusion.scheduler.SchedulerConfig}; img2img strength follows
 * {@link dev.atelier.inference.diffusion.scheduler.Strength}; seeded noise comes from
 * {@link dev.atelier.inference.diffusion.scheduler.LatentNoise}. No model, engine or native code is involved.
 */
package dev.atelier.inference.diffusion.scheduler;
