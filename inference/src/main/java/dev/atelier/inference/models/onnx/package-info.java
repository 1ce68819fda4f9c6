/**
 * ONNX files without a protobuf library: {@link dev.atelier.inference.models.onnx.OnnxWriter} encodes small models
 * (importers, test fixtures) and {@link dev.atelier.inference.models.onnx.OnnxSignature} reads a model's graph
 * inputs and outputs before any session is created.
 */
package dev.atelier.inference.models.onnx;
