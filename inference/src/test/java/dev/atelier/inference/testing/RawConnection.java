package dev.atelier.inference.testing;

import dev.atelier.core.client.ChannelStreams;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.FrameReader;
import dev.atelier.core.protocol.FrameWriter;
import dev.atelier.core.protocol.Limits;
import dev.atelier.core.protocol.MessageType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;

/** A bare socket to the daemon for tests that send malformed or partial bytes. */
public final class RawConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final OutputStream out;
    private final FrameReader reader;

    public RawConnection(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        out = ChannelStreams.output(channel);
        InputStream in = ChannelStreams.input(channel);
        reader = new FrameReader(in, Limits.DEFAULT);
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void send(Frame frame) throws IOException {
        sendBytes(FrameWriter.encode(frame));
    }

    public void hello() throws IOException {
        com.google.gson.JsonObject h = new com.google.gson.JsonObject();
        h.addProperty("id", 1);
        h.addProperty("protocol", 1);
        send(Frame.of(MessageType.HELLO, h));
        Frame welcome = read().orElseThrow();
        if (welcome.type() != MessageType.WELCOME) {
            throw new IOException("expected WELCOME, got " + welcome);
        }
    }

    /** Reads the next frame; empty when the daemon closed the connection. */
    public Optional<Frame> read() throws IOException {
        return reader.read();
    }

    /** Returns true once the daemon has closed its end (reads hit end of stream). */
    public boolean closedByPeer() {
        try {
            return reader.read().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
