package org.flar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for servers the tests start: a free one, and waiting until one answers. */
public final class LoopbackServer {
    private LoopbackServer() {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something accepts on 127.0.0.1:{@code port}, or fails after {@code timeout}. */
    public static void awaitListening(int port, Duration timeout, Process process) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("the server exited " + process.exitValue() + " before listening on " + port);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(ie);
                }
            }
        }
        throw new AssertionError("nothing listening on 127.0.0.1:" + port + " after " + timeout);
    }
}
