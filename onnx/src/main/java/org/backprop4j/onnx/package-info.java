/**
 * ONNX export and import of backprop4j models: {@link org.backprop4j.onnx.OnnxExport} writes a saved
 * model as an ONNX graph that ONNX Runtime runs, {@link org.backprop4j.onnx.OnnxImport} reads the
 * chain graphs PyTorch exports back into a trainable {@link org.backprop4j.nn.Sequential}. The
 * protobuf classes ({@code org.backprop4j.onnx.proto}) are generated at build time from the official
 * {@code onnx.proto}.
 */
package org.backprop4j.onnx;
