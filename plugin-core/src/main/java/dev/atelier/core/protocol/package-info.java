/**
 * The Atelier wire protocol: framing and codecs, with no sockets.
 *
 * <p>A connection carries a sequence of {@link dev.atelier.core.protocol.Frame frames} in each direction. Each
 * frame is a 16-byte prefix ({@link dev.atelier.core.protocol.Wire} has the diagram), a UTF-8 JSON object header
 * and a binary payload holding named blobs (images, masks, PNG files) that the header's {@code "blobs"} array
 * locates. {@link dev.atelier.core.protocol.FrameWriter} encodes to an {@code OutputStream};
 * {@link dev.atelier.core.protocol.FrameReader} decodes from an {@code InputStream}, checking every declared length
 * against {@link dev.atelier.core.protocol.Limits} before allocating and reporting bad input as a
 * {@link dev.atelier.core.protocol.ProtocolException} carrying a 1xx
 * {@link dev.atelier.core.error.ErrorCode}. The message catalogue is in {@code docs/protocol.md}.
 */
package dev.atelier.core.protocol;
