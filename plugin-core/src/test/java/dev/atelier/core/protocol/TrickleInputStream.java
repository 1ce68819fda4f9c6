package dev.atelier.core.protocol;

import java.io.InputStream;

/**
 * Serves a byte array at most {@code chunk} bytes per read call, like a slow socket. Counts what was handed out
 * so tests can assert that a reader stopped early.
 */
final class TrickleInputStream extends InputStream {

    private final byte[] data;
    private final int chunk;
    private int position;

    TrickleInputStream(byte[] data, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive");
        }
        this.data = data;
        this.chunk = chunk;
    }

    /** One byte per read. */
    TrickleInputStream(byte[] data) {
        this(data, 1);
    }

    int bytesRead() {
        return position;
    }

    @Override
    public int read() {
        return position < data.length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, chunk), data.length - position);
        System.arraycopy(data, position, b, off, n);
        position += n;
        return n;
    }
}
