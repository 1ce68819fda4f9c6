/** The budget for loaded models: idle unload and a cap on their bytes, shared by the engines of one daemon. */
package dev.atelier.inference.engine.memory;
