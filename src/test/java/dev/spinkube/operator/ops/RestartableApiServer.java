package dev.spinkube.operator.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.RealApiServer;

/**
 * The real API server, seen by the operator through a TCP relay that a test can cut: {@link #down()} breaks every
 * open connection (watches included) and resets new ones, as a control-plane restart or a network failure does;
 * {@link #up()} relays again, to the same objects. TLS passes through untouched (the server's certificate names
 * 127.0.0.1). The tests' own client talks to the API server directly.
 */
public class RestartableApiServer extends RealApiServer {
    private static int apiPort;
    private static int port;
    private static ServerSocket listener;
    private static volatile boolean cut;
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        apiPort = URI.create(KubeApiServer.get().url()).getPort();
        listen();
        config.put("quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:" + port);
        return config;
    }

    @Override
    public void stop() {
        down();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Connections relayed since the API server last came back. */
    public static int connectionsSinceUp() {
        return CONNECTIONS.get();
    }

    /** Connections refused (reset on connect) since the API server went away. */
    public static int refusedSinceDown() {
        return REFUSED.get();
    }

    private static synchronized void listen() {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            port = listener.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen", e);
        }
        daemon("api-relay", () -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    if (cut) {
                        REFUSED.incrementAndGet();
                        reset(client);
                        continue;
                    }
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), apiPort);
                    OPEN.add(client);
                    OPEN.add(server);
                    CONNECTIONS.incrementAndGet();
                    pump(client, server);
                    pump(server, client);
                } catch (IOException e) {
                    // listener closed at the end of the test
                }
            }
        });
    }

    public static synchronized void up() {
        CONNECTIONS.set(0);
        cut = false;
    }

    public static synchronized void down() {
        cut = true;
        REFUSED.set(0);
        OPEN.forEach(RestartableApiServer::reset);
        OPEN.clear();
    }

    /** Closes with a TCP reset, as a broken network or a crashed server does. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void pump(Socket from, Socket to) {
        daemon("api-relay-pump", () -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other
            } finally {
                try {
                    to.close();
                    from.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
