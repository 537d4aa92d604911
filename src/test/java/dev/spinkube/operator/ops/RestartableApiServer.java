package dev.spinkube.operator.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The mock API server (CRUD) behind a TCP relay that a test can cut: {@link #down()} breaks every open connection
 * (watches included) and resets new ones, as a control-plane restart or a network failure does; {@link #up()}
 * relays again, to the same objects. The mock alone cannot do this: stopping it leaves its open
 * connections alive.
 */
public class RestartableApiServer implements QuarkusTestResourceLifecycleManager {
    private static KubernetesMockServer apiServer;
    private static int port;
    private static ServerSocket listener;
    private static volatile boolean cut;
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        apiServer = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        listen();
        return Map.of("quarkus.kubernetes-client.api-server-url", "http://localhost:" + port,
                "quarkus.kubernetes-client.namespace", "default", "quarkus.kubernetes-client.trust-certs", "true");
    }

    @Override
    public void stop() {
        down();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        apiServer.destroy();
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
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), apiServer.getPort());
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
