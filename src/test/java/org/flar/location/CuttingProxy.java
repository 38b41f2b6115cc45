package org.flar.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay to a web server that breaks connections the way a bad link does: the first
 * connection is cut after {@code cutAfter} bytes of the server's answer; later ones are relayed
 * faithfully, refused (closed at once), or answered with every body byte inverted — a server
 * that sends other bytes on resume.
 */
public final class CuttingProxy implements AutoCloseable {
    /**
     * What becomes of connections after the first: relayed, refused, answered with other bytes;
     * or ({@code CUT_ONCE}) every connection relayed, the first that carries more than
     * {@code cutAfter} bytes cut there (a cut in a long transfer, whatever small requests came first).
     */
    public enum Later { RELAY, REFUSE, OTHER_BYTES, CUT_ONCE }

    private final ServerSocket server;
    private final int upstream;
    private final long cutAfter;
    private final Later later;
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();

    public CuttingProxy(int upstream, long cutAfter, Later later) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        this.cutAfter = cutAfter;
        this.later = later;
        Thread.ofPlatform().daemon().name("cutting-proxy").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                int n = connections.incrementAndGet();
                if (n > 1 && later == Later.REFUSE) {
                    client.close();
                    continue;
                }
                Socket up = new Socket(InetAddress.getLoopbackAddress(), upstream);
                Thread.ofPlatform().daemon().start(() -> pump(client, up, Long.MAX_VALUE, false));
                long limit = later == Later.CUT_ONCE ? -1 : n == 1 ? cutAfter : Long.MAX_VALUE;
                Thread.ofPlatform().daemon().start(() -> pump(up, client, limit, n > 1 && later == Later.OTHER_BYTES));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Whether a CUT_ONCE proxy has cut a connection yet. */
    public boolean hasCut() {
        return cut.get();
    }

    /** Copies {@code from} to {@code to}, up to {@code limit} bytes (-1: CUT_ONCE's rule), then closes both. */
    private void pump(Socket from, Socket to, long limit, boolean invertBody) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16 << 10];
            long copied = 0;
            int headEnd = 0;
            boolean inBody = false;
            while (limit < 0 || copied < limit) {
                if (limit < 0 && copied >= cutAfter && cut.compareAndSet(false, true)) {
                    break;
                }
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit < 0 ? buf.length : limit - copied));
                if (n < 0) {
                    break;
                }
                if (invertBody) {
                    for (int i = 0; i < n; i++) {
                        if (inBody) {
                            buf[i] = (byte) ~buf[i];
                        } else {
                            // The first answer's head ends at CR LF CR LF; everything after it is body.
                            headEnd = buf[i] == (headEnd % 2 == 0 ? '\r' : '\n') ? headEnd + 1 : (buf[i] == '\r' ? 1 : 0);
                            inBody = headEnd == 4;
                        }
                    }
                }
                out.write(buf, 0, n);
                out.flush();
                copied += n;
            }
        } catch (IOException e) {
            // the other side went away: so does this one
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
