package dev.atelier.inference.job;

/** How many jobs are in each state, for {@code atelier status}. */
public record QueueCounts(int queued, int running, int done, int failed, int cancelled) {}
