package dev.atelier.core.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Plain streams over a blocking socket channel. Unlike {@code Channels.newInputStream}, reading does not hold the
 * channel's blocking lock, so one thread can wait for frames while another writes (JDK 17 serialises them
 * otherwise). Transfers are cut into 1 MiB pieces so the JDK's temporary direct buffers stay small.
 */
public final class ChannelStreams {

    private static final int CHUNK = Integer.getInteger("atelier.chunk", 1 << 20);

    private ChannelStreams() {}

    /**
     * Enlarges the socket's kernel buffers: with the default ~200 KiB, a 64 MiB image crosses in hundreds of
     * small wake-ups on each side.
     */
    public static void tune(java.nio.channels.SocketChannel channel) {
        int size = Integer.getInteger("atelier.sockbuf", 4 << 20);
        try {
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, size);
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, size);
        } catch (IOException | UnsupportedOperationException e) {
            // Defaults still work, only slower.
        }
    }

    public static InputStream input(ByteChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, Math.min(len, CHUNK)));
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    public static OutputStream output(ByteChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = channel.write(ByteBuffer.wrap(b, off, Math.min(len, CHUNK)));
                    off += n;
                    len -= n;
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
