package dev.spinkube.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Drives one operator process (a {@code quarkus-run.jar}, a native executable, or the upstream Go operator's
 * executable, named {@code manager} as its own build names it) against an API server and prints its figures:
 * start-up to ready and to an app created before the start converged, RSS at ready, time for N new SpinApps to have
 * their Deployment, Service and status, API writes per app until the API server is quiet, time from convergence until
 * quiet, operator CPU seconds, RSS with N apps, and writes per minute at idle.
 *
 * <p>Writes are counted by the API server itself ({@code apiserver_request_total} on {@code /metrics}, every
 * client but the API server's own loopback), so the client's create of each app is included. With
 * {@code BENCH_API=mock} the fabric8 mock API server runs in-process and counts the requests instead.
 *
 * <p>usage: ClusterBench OPERATOR N IDLE_SECONDS (KUBECONFIG names the API server)
 */
public final class ClusterBench {
    static final String UA = "spin-operator-bench";
    static final String NS = "bench";
    /** Where the apps created before each start live, apart from the N apps' namespace that convergence counts. */
    static final String START_NS = "bench-start";
    /** Where the operator's output goes (relative to bench/, where run.sh starts this class). */
    static final Path OPERATOR_LOG = Path.of("out/operator.log");
    static final Duration QUIET = Duration.ofSeconds(Long.parseLong(env("BENCH_QUIET_SECONDS", "10")));

    public static void main(String[] args) throws Exception {
        Path operatorPath = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int idleSeconds = Integer.parseInt(args[2]);
        KubernetesMockServer mock = null;
        Path kubeconfig;
        WriteCounter writes;
        AuditLog audit = null;
        if ("mock".equals(System.getenv("BENCH_API"))) {
            mock = MockApiServer.start();
            kubeconfig = MockApiServer.kubeconfig(mock, NS);
            writes = MockApiServer::writes;
            System.out.println("API server: fabric8 mock API server (CRUD, no SSA) - figures compare builds only");
        } else {
            kubeconfig = Path.of(System.getenv("KUBECONFIG"));
            audit = new AuditLog(Path.of(System.getenv("BENCH_AUDIT_LOG")));
            writes = audit::writes;
            System.out.println("API server: KUBECONFIG=" + kubeconfig + " (writes from its audit log " + System.getenv("BENCH_AUDIT_LOG") + ")");
        }
        Map<String, String> results = new LinkedHashMap<>();
        int port = freePort();
        String operatorKubeconfig = System.getenv("BENCH_OPERATOR_KUBECONFIG");
        Path operatorConfig = operatorKubeconfig == null ? kubeconfig : Path.of(operatorKubeconfig);
        // three starts, the last one stays: the median leaves out a first start's cold caches and a busy moment.
        // Ready is not the same moment for both: upstream's /readyz answers once its probe server listens
        // (controller-runtime's healthz.Ping), ours once its informers have synced. So each start also times the
        // first work, the same for both: an app created while no operator ran has its Deployment, Service and status.
        List<Long> starts = new ArrayList<>();
        List<Long> firstWork = new ArrayList<>();
        Operator operator = null;
        try (KubernetesClient client = client(kubeconfig)) {
            for (String ns : List.of(NS, START_NS)) {
                if (client.namespaces().withName(ns).get() == null) {
                    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
                }
                client.resource(Apps.executor(ns)).createOr(NonDeletingOperation::update);
            }
            // The floor of convergence: the N creates alone, with no operator running, on this API server. No app can
            // converge before it exists, so the time to converge cannot be shorter than this.
            results.put("the client's " + n + " creates with no operator running", seconds(createAlone(client, n)));
            for (int i = 0; i < 3; i++) {
                if (operator != null) {
                    operator.stop();
                }
                String first = "before-start-" + i;
                client.resource(Apps.small(first, START_NS)).create();
                try (Convergence converged = Convergence.watch(client, START_NS, first::equals, 1,
                        Kind.of(operatorPath) == Kind.UPSTREAM)) {
                    operator = Operator.start(operatorPath, operatorConfig, port);
                    starts.add(operator.awaitReady(Duration.ofSeconds(60)));
                    converged.await(Duration.ofSeconds(60));
                    firstWork.add(converged.completedAt - operator.startedAt());
                }
            }
            WriteCounter counter = writes;
            results.put("start-up to ready (median of 3 starts)", median(starts));
            results.put("start-up to an app created before the start converged (median of 3)", median(firstWork));
            results.put("RSS at ready", operator.rssText());
            if (operator.kind() == Kind.JVM) {
                // what a JVM holds a moment later, once its start-up garbage is collected or not
                Thread.sleep(3000);
                results.put("RSS 3 s after ready", operator.rssText());
            }
            Convergence convergence = Convergence.watch(client, NS, name -> true, n, operator.kind() == Kind.UPSTREAM);
            long writesBefore = counter.total();
            Map<String, Long> byResourceBefore = audit == null ? Map.of() : audit.writesByUserAndResource();
            double cpuBefore = operator.cpuSeconds();
            double apiCpuBefore = mock == null ? apiServerCpuSeconds(kubeconfig) : 0;
            long[] machineBefore = machineTicks();
            Profile profile = Profile.startIfAsked(operator);
            long start = System.nanoTime();
            createApps(client, n, NS);
            long created = System.nanoTime();
            // 10 minutes, or 150 ms per app: upstream needed 640 s for 10,000 apps on a slow 2-core machine
            convergence.await(Duration.ofMillis(Math.max(600_000L, 150L * n)));
            long converged = System.nanoTime();
            long writesConverged = counter.total();
            if (profile != null) {
                profile.stopAndReport();
            }
            double cpuConverged = operator.cpuSeconds();
            double apiCpuConverged = mock == null ? apiServerCpuSeconds(kubeconfig) : 0;
            long[] machineConverged = machineTicks();
            results.put("time for " + n + " new SpinApps to converge", seconds(converged - start));
            results.put("the client's " + n + " creates, the operator running", seconds(created - start));
            results.put("API writes per app until converged, the client's create included",
                    String.format(Locale.ROOT, "%.2f", (writesConverged - writesBefore) / (double) n));
            results.put("operator CPU until converged", String.format(Locale.ROOT, "%.2f s", cpuConverged - cpuBefore));
            // On a small machine convergence is bound by the cores the operator shares with the API server: these two
            // rows show how busy they were, and what the API server (with etcd) spent serving the same apps.
            if (mock == null) {
                results.put("API server and etcd CPU until converged",
                        String.format(Locale.ROOT, "%.2f s", apiCpuConverged - apiCpuBefore));
                // The API server does the same work for the same apps in every run of one operator, so this ratio
                // leaves out how fast the shared machine was at the time: steadier than the CPU seconds for A/Bs.
                results.put("operator CPU per API server and etcd CPU until converged", String.format(Locale.ROOT,
                        "%.3f", (cpuConverged - cpuBefore) / (apiCpuConverged - apiCpuBefore)));
            }
            results.put("the machine's cores busy until converged", String.format(Locale.ROOT, "%.0f%% of %d",
                    100.0 * (machineConverged[0] - machineBefore[0]) / (machineConverged[1] - machineBefore[1]),
                    Runtime.getRuntime().availableProcessors()));
            results.put("RSS with " + n + " apps", operator.rssText());
            long lastWrite = awaitQuiet(counter, converged, n);
            results.put("time from converged until quiet", lastWrite <= converged ? "0.00 s" : seconds(lastWrite - converged));
            results.put("operator CPU until quiet", String.format(Locale.ROOT, "%.2f s", operator.cpuSeconds() - cpuBefore));
            String allocated = allocatedFromGcLog(OPERATOR_LOG);
            if (allocated != null) {
                results.put("operator memory allocated from its start until quiet (its GC log)", allocated);
            }
            results.put("API writes per app until quiet, the client's create included",
                    String.format(Locale.ROOT, "%.2f", (counter.total() - writesBefore) / (double) n));
            long idleBefore = counter.total();
            System.out.println("   quiet; idle window of " + idleSeconds + " s");
            Thread.sleep(idleSeconds * 1000L);
            results.put("writes per minute at idle (" + n + " apps, " + idleSeconds + " s)",
                    String.format(Locale.ROOT, "%.1f", (counter.total() - idleBefore) * 60.0 / idleSeconds));
            results.put("RSS with " + n + " apps after the idle window", operator.rssText());
            if (audit != null) {
                Map<String, Long> during = new TreeMap<>(audit.writesByUserAndResource());
                byResourceBefore.forEach((k, v) -> during.merge(k, -v, Long::sum));
                during.values().removeIf(v -> v == 0);
                System.out.println("writes by user, verb and resource from the first create to the end of the idle window: " + during);
            }
            convergence.close();
            if (operator.kind() != Kind.UPSTREAM) {
                System.out.println("operator's reconcile counters: " + operator.reconcileCounters());
            }
            results.put("SIGTERM while reconciling new apps", sigtermUnderLoad(client, operator, Math.max(100, n / 10)));
        } finally {
            if (operator != null) {
                operator.stop();
            }
            if (mock != null) {
                mock.destroy();
            }
        }
        results.put("size on disk", operator.size());
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        results.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
    }

    /** A collection in a GC log: the native executable's {@code -XX:+PrintGC}, or the JVM's {@code -Xlog:gc}. */
    static final Pattern COLLECTION = Pattern.compile(
            "GC\\(\\d+\\) Pause .*? ([0-9.]+)M->([0-9.]+)M");

    /**
     * What the operator allocated, from its GC log when it writes one (a run with {@code -XX:+PrintGC}): the heap in
     * use before each collection less what the one before left. Steadier between runs than CPU time on a shared
     * machine (within 2% for one executable, where CPU time spreads by 20%); null without a GC log.
     */
    static String allocatedFromGcLog(Path log) throws IOException {
        double allocated = 0;
        double left = 0;
        int collections = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            Matcher m = COLLECTION.matcher(line);
            if (m.find()) {
                allocated += Double.parseDouble(m.group(1)) - left;
                left = Double.parseDouble(m.group(2));
                collections++;
            }
        }
        return collections == 0 ? null
                : String.format(Locale.ROOT, "%.0f MiB in %d collections", allocated, collections);
    }

    /** User + system CPU time of a process, from /proc/PID/stat (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /**
     * The CPU seconds of the API server's processes (kube-apiserver and etcd, and the controllers when they run),
     * from the pid files .ci/k8s/start.sh writes next to the kubeconfig; 0 for the mock.
     */
    static double apiServerCpuSeconds(Path kubeconfig) throws IOException {
        double sum = 0;
        try (Stream<Path> files = Files.list(kubeconfig.toAbsolutePath().getParent())) {
            for (Path pid : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                sum += cpuSeconds(Long.parseLong(Files.readString(pid).trim()));
            }
        }
        return sum;
    }

    /** The machine's busy and total CPU time so far, from the first line of /proc/stat (all cores, in ticks). */
    static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        return new long[] {total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total};
    }

    /** The median of three durations, then the three. */
    static String median(List<Long> nanos) {
        return seconds(nanos.stream().sorted().toList().get(1)) + " ("
                + nanos.stream().map(ClusterBench::seconds).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Sends SIGTERM while {@code more} new apps are being created and reconciled (after half of the creates), and
     * reports how the process ended: exit code, seconds until it exited, and the ERROR lines it logged meanwhile.
     */
    static String sigtermUnderLoad(KubernetesClient client, Operator operator, int more) throws Exception {
        Path log = OPERATOR_LOG;
        long logOffset = Files.size(log);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger created = new AtomicInteger();
        for (int i = 0; i < more; i++) {
            SpinApp app = Apps.small("late-" + i, NS);
            app.getMetadata().setUid(null);
            pool.submit(() -> {
                client.resource(app).create();
                return created.incrementAndGet();
            });
        }
        org.awaitility.Awaitility.await("half of the " + more + " apps created").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(5)).until(() -> created.get() >= more / 2);
        long t0 = System.nanoTime();
        operator.process().destroy();
        boolean exited = operator.process().waitFor(60, TimeUnit.SECONDS);
        long took = System.nanoTime() - t0;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        List<String> errors;
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
            byte[] tail = new byte[(int) (in.length() - logOffset)];
            in.seek(logOffset);
            in.readFully(tail);
            errors = new String(tail, StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("ERROR") || l.contains("\"level\":\"error\"") || l.startsWith("panic")).toList();
        }
        errors.stream().limit(5).forEach(l -> System.out.println("   after SIGTERM: " + l));
        if (!exited) {
            operator.process().destroyForcibly();
            return "still running 60 s after SIGTERM (" + errors.size() + " ERROR lines)";
        }
        return String.format(Locale.ROOT, "exit %d in %.2f s, %d ERROR lines (%d apps being created)",
                operator.process().exitValue(), took / 1e9, errors.size(), more);
    }

    /**
     * {@code BENCH_PERF=1}: Linux perf samples the operator's CPU from the first create until convergence (all its
     * threads, kernel included, with call graphs) into {@code out/KIND.perf.data}; the flat profile by symbol is
     * printed and kept in {@code out/KIND.perf.txt}.
     */
    record Profile(Process perf, Path data, Kind kind) {
        static Profile startIfAsked(Operator operator) throws IOException {
            if (!"1".equals(System.getenv("BENCH_PERF"))) {
                return null;
            }
            Path data = Path.of("out", operator.kind().name().toLowerCase(Locale.ROOT) + ".perf.data");
            Files.deleteIfExists(data); // an earlier run's file would pass for this one's below
            Process perf = new ProcessBuilder("perf", "record", "-F", "499", "-g", "-o", data.toString(), "-p",
                    String.valueOf(operator.process().pid())).redirectErrorStream(true)
                    .redirectOutput(Path.of("out/perf.log").toFile()).start();
            // perf writes its file's header once it has attached
            org.awaitility.Awaitility.await("perf attached").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(data) && Files.size(data) > 0);
            return new Profile(perf, data, operator.kind());
        }

        void stopAndReport() throws Exception {
            new ProcessBuilder("kill", "-INT", String.valueOf(perf.pid())).start().waitFor();
            perf.waitFor();
            Path report = Path.of("out", kind.name().toLowerCase(Locale.ROOT) + ".perf.txt");
            new ProcessBuilder("perf", "report", "-i", data.toString(), "--no-children", "--sort", "dso,sym",
                    "--stdio", "-g", "none", "--percent-limit", "0.3").redirectOutput(report.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            System.out.println("   CPU profile until converged (perf, flat, by symbol; whole report: bench/" + report + "):");
            Files.readAllLines(report).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).limit(30)
                    .forEach(l -> System.out.println("   " + l));
        }
    }

    interface WriteCounter {
        long total() throws Exception;
    }

    /**
     * Waits until no write happened for {@link #QUIET}, at most 5 minutes or 100 ms per app (upstream's second round
     * of writes for 10,000 apps went on for more than 5 minutes on a slow 2-core machine); returns when the last write
     * was seen.
     */
    static long awaitQuiet(WriteCounter writes, long since, int apps) throws Exception {
        long last = writes.total();
        long lastChange = since;
        Duration limit = Duration.ofMillis(Math.max(300_000L, 100L * apps));
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - lastChange < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still writing " + limit.toSeconds() + " s after convergence");
            }
            Thread.sleep(100);
            long now = writes.total();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return lastChange;
    }

    static KubernetesClient client(Path kubeconfig) throws IOException {
        Config base = Config.fromKubeconfig(Files.readString(kubeconfig));
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(base).withUserAgent(UA)
                .withMaxConcurrentRequests(64).withMaxConcurrentRequestsPerHost(64).build()).build();
    }

    /**
     * Times the client's N creates with no operator running, in a namespace of their own, then deletes them (no
     * operator ever saw them, so none has a finalizer) and waits until they are gone.
     */
    static long createAlone(KubernetesClient client, int n) throws Exception {
        String ns = NS + "-floor";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .createOr(NonDeletingOperation::update);
        System.out.println("   " + n + " creates with no operator running (namespace " + ns + ")");
        long start = System.nanoTime();
        createApps(client, n, ns);
        long took = System.nanoTime() - start;
        client.resources(SpinApp.class).inNamespace(ns).delete();
        org.awaitility.Awaitility.await("the " + n + " apps of " + ns + " deleted").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> client.resources(SpinApp.class).inNamespace(ns).list().getItems().isEmpty());
        return took;
    }

    static void createApps(KubernetesClient client, int n, String namespace) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SpinApp app = Apps.small("app-" + i, namespace);
            app.getMetadata().setUid(null);
            done.add(pool.submit(() -> client.resource(app).create()));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** Counts, from watches, the apps with a Deployment, a Service and a status of their current generation. */
    static final class Convergence implements AutoCloseable {
        final Set<String> deployments = ConcurrentHashMap.newKeySet();
        final Set<String> services = ConcurrentHashMap.newKeySet();
        final Set<String> statuses = ConcurrentHashMap.newKeySet();
        final List<Watch> watches = new ArrayList<>();
        final int expected;
        /** When the last of the expected apps converged (System.nanoTime), as its watch event arrived. */
        volatile long completedAt;

        private Convergence(int expected) {
            this.expected = expected;
        }

        /**
         * Upstream's status has no {@code observedGeneration}: its apps count once their status names the active
         * scheduler, which it writes with the first status (apps are created once here, never changed).
         */
        static Convergence watch(KubernetesClient client, String namespace, Predicate<String> named,
                int expected, boolean upstreamStatus) {
            Convergence c = new Convergence(expected);
            Predicate<SpinApp> current = upstreamStatus
                    ? a -> a.getStatus() != null && a.getStatus().activeScheduler() != null
                    : a -> a.getStatus() != null && a.getMetadata().getGeneration().equals(a.getStatus().observedGeneration());
            c.watches.add(client.apps().deployments().inNamespace(namespace).watch(c.into(c.deployments, named, d -> true)));
            c.watches.add(client.services().inNamespace(namespace).watch(c.into(c.services, named, s -> true)));
            c.watches.add(client.resources(SpinApp.class).inNamespace(namespace).watch(c.into(c.statuses, named, current)));
            return c;
        }

        <T extends HasMetadata> Watcher<T> into(Set<String> names, Predicate<String> named,
                Predicate<T> done) {
            return new Watcher<>() {
                @Override
                public void eventReceived(Action action, T resource) {
                    if (action != Action.DELETED && named.test(resource.getMetadata().getName()) && done.test(resource)) {
                        names.add(resource.getMetadata().getName());
                        if (completedAt == 0 && progress() >= expected) {
                            completedAt = System.nanoTime();
                        }
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    throw new IllegalStateException("a convergence watch closed", cause);
                }
            };
        }

        int progress() {
            return Math.min(deployments.size(), Math.min(services.size(), statuses.size()));
        }

        void await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int reported = 0;
            int step = Math.max(1, expected / 5);
            while (completedAt == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not converged within " + timeout + ": " + deployments.size()
                            + " Deployments, " + services.size() + " Services, " + statuses.size() + " statuses");
                }
                if (progress() >= reported + step) {
                    reported = progress();
                    System.out.println("   " + reported + "/" + expected + " converged");
                }
                Thread.sleep(10);
            }
        }

        @Override
        public void close() {
            watches.forEach(Watch::close);
        }
    }

    /** What runs: this project's jar (run by this JVM's java), its native executable, or the upstream Go operator. */
    enum Kind {
        JVM, NATIVE, UPSTREAM;

        static Kind of(Path path) {
            String name = path.getFileName().toString();
            return name.endsWith(".jar") ? JVM : name.equals("manager") ? UPSTREAM : NATIVE;
        }
    }

    /** The operator process. */
    record Operator(Process process, Path path, int port, long startedAt) {
        static Operator start(Path path, Path kubeconfig, int port) throws IOException {
            List<String> cmd = new ArrayList<>();
            Kind kind = Kind.of(path);
            cmd.add(kind == Kind.JVM ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : path.toString());
            String opts = env(switch (kind) {
                case JVM -> "BENCH_JAVA_OPTS";
                case NATIVE -> "BENCH_NATIVE_OPTS";
                case UPSTREAM -> "BENCH_UPSTREAM_OPTS";
            }, "");
            if (!opts.isBlank()) {
                cmd.addAll(List.of(opts.trim().split("\\s+")));
            }
            if (kind == Kind.UPSTREAM) {
                // the flags of upstream's own bench runs: probes on the port the bench polls, no metrics, no webhooks
                cmd.addAll(List.of("--health-probe-bind-address=127.0.0.1:" + port, "--metrics-bind-address=0",
                        "--leader-elect=false", "--enable-webhooks=false"));
            } else {
                cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dspin-operator.leader-election.enabled=false"));
            }
            if (kind == Kind.JVM) {
                cmd.addAll(List.of("-jar", path.toString()));
            }
            Path log = OPERATOR_LOG;
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            System.out.println("operator: " + String.join(" ", cmd) + " (log: bench/out/operator.log)");
            long t0 = System.nanoTime();
            return new Operator(pb.start(), path, port, t0);
        }

        Kind kind() {
            return Kind.of(path);
        }

        /** Polls the readiness probe; returns nanoseconds from the process start until it answered 200. */
        long awaitReady(Duration timeout) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            String probe = kind() == Kind.UPSTREAM ? "/readyz" : "/q/health/ready";
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe)).build();
            long deadline = startedAt + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see bench/out/operator.log");
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return System.nanoTime() - startedAt;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("the operator was not ready within " + timeout);
        }

        /** The Java Operator SDK's counters from the operator's /q/metrics (how many reconciles the run took). */
        String reconcileCounters() throws Exception {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("operator_sdk_") && l.contains("_total"))
                    .collect(Collectors.joining("\n  ", "\n  ", ""));
        }

        /** VmRSS, and of it the anonymous memory (heap, stacks; the rest is the executable's own file, mapped). */
        String rssText() throws IOException {
            return mib(status("VmRSS")) + " (anonymous " + mib(status("RssAnon")) + ")";
        }

        private long status(String field) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no " + field + " for " + process.pid());
        }

        double cpuSeconds() throws IOException {
            return ClusterBench.cpuSeconds(process.pid());
        }

        /** The executable and the shared libraries next to it, or the whole quarkus-app directory. */
        String size() throws IOException {
            if (kind() != Kind.JVM) {
                long libs = 0;
                try (Stream<Path> files = Files.list(path.getParent())) {
                    for (Path so : files.filter(p -> p.toString().endsWith(".so")).toList()) {
                        libs += Files.size(so);
                    }
                }
                return String.format(Locale.ROOT, "%s executable + %s of .so files", mib(Files.size(path)), mib(libs));
            }
            long total = 0;
            try (Stream<Path> files = Files.walk(path.getParent())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    total += Files.size(f);
                }
            }
            return mib(total) + " (quarkus-app, without a JVM)";
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
