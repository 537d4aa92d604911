package dev.spinkube.operator.desired;

import static dev.spinkube.operator.desired.Fixtures.app;
import static dev.spinkube.operator.desired.Fixtures.executor;
import static dev.spinkube.operator.desired.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** initContainers (SKIP 000, native sidecar semantics), scheduling defaults and imagePullPolicy. */
class SidecarsAndSchedulingTest {
    static final String BASE = """
            executor: shim
            image: ghcr.io/example/app:v1
            env: [{name: RUST_LOG, value: info}]
            volumes: [{name: data, emptyDir: {}}]
            volumeMounts: [{name: data, mountPath: /data}]
            resources: {limits: {memory: 64Mi}}
            checks: {readiness: {httpGet: {path: /ready}}, liveness: {httpGet: {path: /live}}}
            """;

    static List<Container> init(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getInitContainers();
    }

    @Test
    void orderIsPreservedAndOnlySidecarsGetProbesAndResources() {
        var d = render(app(BASE + """
                initContainers:
                  - {name: wait-db, image: busybox}
                  - {name: shipper, image: alpine, restartPolicy: Always}
                """)).deployment();
        assertEquals(List.of("wait-db", "shipper"), init(d).stream().map(Container::getName).toList());
        Container classic = init(d).get(0);
        assertNull(classic.getLivenessProbe());
        assertNull(classic.getReadinessProbe());
        assertEquals(Map.of(), classic.getResources() == null || classic.getResources().getLimits() == null ? Map.of()
                : classic.getResources().getLimits());
        Container sidecar = init(d).get(1);
        assertEquals("/ready", sidecar.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/live", sidecar.getLivenessProbe().getHttpGet().getPath());
        assertEquals("64Mi", sidecar.getResources().getLimits().get("memory").toString());
    }

    @Test
    void entriesInheritEnvAndMountsAfterTheirOwnAndTheirOwnWin() {
        var d = render(app(BASE + """
                initContainers:
                  - name: shipper
                    image: alpine
                    restartPolicy: Always
                    env: [{name: RUST_LOG, value: debug}, {name: OWN, value: x}]
                    volumeMounts: [{name: other, mountPath: /data}]
                    resources: {limits: {memory: 16Mi}}
                    readinessProbe: {tcpSocket: {port: 9000}}
                """)).deployment();
        Container c = init(d).get(0);
        List<String> env = c.getEnv().stream().map(EnvVar::getName).toList();
        assertEquals(List.of("RUST_LOG", "OWN", "SPIN_HTTP_LISTEN_ADDR"), env);
        assertEquals("debug", c.getEnv().get(0).getValue());
        List<String> mounts = c.getVolumeMounts().stream().map(m -> m.getName() + ":" + m.getMountPath()).toList();
        assertEquals(List.of("other:/data", "spin-runtime-config:/runtime-config.toml"), mounts);
        assertEquals("16Mi", c.getResources().getLimits().get("memory").toString());
        assertEquals(9000, c.getReadinessProbe().getTcpSocket().getPort().getIntVal());
        assertEquals("/live", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals(List.of("data:/data"), d.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts()
                .stream().filter(m -> m.getName().equals("data")).map(m -> m.getName() + ":" + m.getMountPath())
                .toList());
    }

    @Test
    void schedulingMergesExecutorDefaultsWithTheApp() {
        var executor = executor(Fixtures.SHIM.replace("{runtimeClassName: wasmtime-spin-v2}", """
                
                    runtimeClassName: wasmtime-spin-v2
                    nodeSelector: {spin: "yes", zone: a}
                    tolerations: [{key: wasm, operator: Exists, effect: NoSchedule}]
                    affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: shim, operator: Exists}]}]}}}
                """));
        var plain = render(app(BASE), executor, Map.of()).deployment().getSpec().getTemplate().getSpec();
        assertEquals(Map.of("spin", "yes", "zone", "a"), plain.getNodeSelector());
        assertEquals(1, plain.getTolerations().size());
        assertEquals("shim", plain.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());

        var own = render(app(BASE + """
                nodeSelector: {zone: b}
                tolerations: [{key: gpu, operator: Exists}]
                affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: kubernetes.io/hostname}}]}}
                imagePullPolicy: Always
                """), executor, Map.of()).deployment().getSpec().getTemplate().getSpec();
        assertEquals(Map.of("spin", "yes", "zone", "b"), own.getNodeSelector());
        assertEquals(List.of("wasm", "gpu"), own.getTolerations().stream().map(t -> t.getKey()).toList());
        assertNull(own.getAffinity().getNodeAffinity());
        assertEquals("Always", own.getContainers().get(0).getImagePullPolicy());
    }
}
