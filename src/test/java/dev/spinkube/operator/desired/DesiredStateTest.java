package dev.spinkube.operator.desired;

import static dev.spinkube.operator.desired.Fixtures.app;
import static dev.spinkube.operator.desired.Fixtures.executor;
import static dev.spinkube.operator.desired.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.spin.DataRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The rules of the README's "What it does" (the objects of each SpinApp), one test each, on the pure core. */
class DesiredStateTest {
    static final String BASE = """
            executor: shim
            image: ghcr.io/example/app:v1
            replicas: 2
            """;

    static Container spin(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static List<String> envNames(Container c) {
        return c.getEnv().stream().map(EnvVar::getName).toList();
    }

    @Test
    void envOrderIsVariablesListenAddressOtelMemoryComponentsExecutorEnvAppEnv() {
        var executor = executor("""
                apiVersion: core.spinkube.dev/v1alpha1
                kind: SpinAppExecutor
                metadata: {name: shim, namespace: default}
                spec:
                  createDeployment: true
                  deploymentConfig:
                    runtimeClassName: rc
                    otel: {exporter_otlp_endpoint: "http://otel:4318", exporter_otlp_logs_endpoint: "http://logs:4318"}
                    env: [{name: RUST_LOG, value: info}]
                """);
        var app = app(BASE + """
                variables: [{name: greeting, value: hi}, {name: db_password, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                invocationLimits: {memory: 128Mi}
                components: [a, b]
                env: [{name: AWS_DEFAULT_REGION, value: us-west-2}]
                """);
        Container c = spin(render(app, executor, Map.of(DataRef.secret("s", "k", false), "x")).deployment());
        assertEquals(List.of("SPIN_VARIABLE_GREETING", "SPIN_VARIABLE_DB_PASSWORD", "SPIN_HTTP_LISTEN_ADDR",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "SPIN_MAX_INSTANCE_MEMORY",
                "SPIN_COMPONENTS_TO_RETAIN", "RUST_LOG", "AWS_DEFAULT_REGION"), envNames(c));
        assertEquals("134217728", c.getEnv().get(5).getValue());
        assertEquals("a,b", c.getEnv().get(6).getValue());
        assertEquals("s", c.getEnv().get(1).getValueFrom().getSecretKeyRef().getName());
        assertNull(c.getEnv().get(1).getValue());
    }

    @Test
    void appEnvWinsOverExecutorEnvAndTakesTheLaterPosition() {
        var executor = executor(Fixtures.SHIM.replace("deploymentConfig: {runtimeClassName: wasmtime-spin-v2}",
                "deploymentConfig: {runtimeClassName: rc, env: [{name: RUST_LOG, value: info}, {name: A, value: a}]}"));
        var app = app(BASE + "env: [{name: NODE_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}, {name: RUST_LOG, value: debug}]");
        Container c = spin(render(app, executor, Map.of()).deployment());
        assertEquals(List.of("SPIN_HTTP_LISTEN_ADDR", "A", "NODE_IP", "RUST_LOG"), envNames(c));
        assertEquals("debug", c.getEnv().get(3).getValue());
    }

    @Test
    void listenAddressMovesContainerPortAndProbes() {
        var app = app(BASE + """
                env: [{name: SPIN_HTTP_LISTEN_ADDR, value: "0.0.0.0:3000"}]
                checks: {liveness: {httpGet: {path: /healthz}}}
                """);
        var d = render(app).deployment();
        assertEquals(3000, spin(d).getPorts().get(0).getContainerPort());
        assertEquals(3000, spin(d).getLivenessProbe().getHttpGet().getPort().getIntVal());
        assertEquals("http-app", render(app).service().getSpec().getPorts().get(0).getTargetPort().getStrVal());
    }

    @Test
    void probesMapHttpGetWithSchemaDefaults() {
        var app = app(BASE + """
                checks:
                  readiness: {httpGet: {path: /ready, httpHeaders: [{name: X-Probe, value: "1"}]}}
                  liveness: {httpGet: {path: /live}, initialDelaySeconds: 5, periodSeconds: 20}
                """);
        Container c = spin(render(app).deployment());
        Probe ready = c.getReadinessProbe();
        assertEquals("/ready", ready.getHttpGet().getPath());
        assertEquals(80, ready.getHttpGet().getPort().getIntVal());
        assertEquals("X-Probe", ready.getHttpGet().getHttpHeaders().get(0).getName());
        assertEquals(List.of(10, 1, 10, 1, 3), List.of(ready.getInitialDelaySeconds(), ready.getTimeoutSeconds(),
                ready.getPeriodSeconds(), ready.getSuccessThreshold(), ready.getFailureThreshold()));
        assertEquals(5, c.getLivenessProbe().getInitialDelaySeconds());
        assertEquals(20, c.getLivenessProbe().getPeriodSeconds());
    }

    @Test
    void autoscalingLeavesReplicasUnset() {
        assertEquals(2, render(app(BASE)).deployment().getSpec().getReplicas());
        var auto = app("executor: shim\nimage: i\nenableAutoscaling: true\n");
        assertNull(render(auto).deployment().getSpec().getReplicas());
    }

    @Test
    void shimExecutorRunsTheAppImageWithSlashCommandAndRuntimeClass() {
        var d = render(app(BASE)).deployment();
        assertEquals("wasmtime-spin-v2", d.getSpec().getTemplate().getSpec().getRuntimeClassName());
        assertEquals(List.of("/"), spin(d).getCommand());
        assertEquals("ghcr.io/example/app:v1", spin(d).getImage());
        assertEquals("default", d.getSpec().getTemplate().getSpec().getServiceAccountName());
    }

    @Test
    void spintainerExecutorRunsSpinUpOnTheAppImage() {
        var executor = executor(Fixtures.SHIM.replace("{runtimeClassName: wasmtime-spin-v2}",
                "{spinImage: ghcr.io/fermyon/spin:v2.7.0}"));
        var d = render(app(BASE + "components: [hello, world]"), executor, Map.of()).deployment();
        assertNull(d.getSpec().getTemplate().getSpec().getRuntimeClassName());
        assertEquals("ghcr.io/fermyon/spin:v2.7.0", spin(d).getImage());
        assertNull(spin(d).getCommand().isEmpty() ? null : spin(d).getCommand());
        assertEquals(List.of("up", "--listen", "0.0.0.0:80", "-f", "ghcr.io/example/app:v1", "--runtime-config-file",
                "/runtime-config.toml", "--component-id", "hello", "--component-id", "world"), spin(d).getArgs());
    }

    @Test
    void deploymentLessExecutorGetsOnlyTheService() {
        var executor = executor("""
                apiVersion: core.spinkube.dev/v1alpha1
                kind: SpinAppExecutor
                metadata: {name: shim, namespace: default}
                spec: {createDeployment: false}
                """);
        var objects = render(app(BASE), executor, Map.of());
        assertNull(objects.deployment());
        assertNull(objects.runtimeConfig());
        assertNotNull(objects.service());
        assertEquals(1, objects.all().size());
    }

    @Test
    void labelsSelectorAndServiceFollowTheUpstreamShape() {
        var objects = render(app(BASE + "podLabels: {team: web, core.spinkube.dev/app-name: spoofed}"));
        var d = objects.deployment();
        assertEquals(Map.of("core.spinkube.dev/app-name", "app", "core.spinkube.dev/app.app.status", "ready"),
                d.getSpec().getSelector().getMatchLabels());
        assertEquals(Map.of("team", "web", "core.spinkube.dev/app-name", "app", "core.spinkube.dev/app.app.status",
                "ready"), d.getSpec().getTemplate().getMetadata().getLabels());
        var svc = objects.service().getSpec();
        assertEquals("ClusterIP", svc.getType());
        assertEquals(80, svc.getPorts().get(0).getPort());
        assertEquals(Map.of("core.spinkube.dev/app.app.status", "ready"), svc.getSelector());
    }

    @Test
    void volumesAreRuntimeConfigThenAppVolumesThenCa() {
        var executor = executor(Fixtures.SHIM.replace("{runtimeClassName: wasmtime-spin-v2}",
                "{runtimeClassName: rc, caCertSecret: my-ca}"));
        var app = app(BASE + """
                volumes: [{name: data, emptyDir: {}}]
                volumeMounts: [{name: data, mountPath: /data}]
                """);
        var d = render(app, executor, Map.of()).deployment();
        var volumes = d.getSpec().getTemplate().getSpec().getVolumes();
        assertEquals(List.of("spin-runtime-config", "data", "spin-ca"), volumes.stream().map(v -> v.getName()).toList());
        assertEquals("my-ca", volumes.get(2).getSecret().getSecretName());
        assertTrue(volumes.get(0).getSecret().getOptional());
        var mounts = spin(d).getVolumeMounts();
        assertEquals(List.of("/runtime-config.toml", "/data", "/etc/ssl/certs/ca-certificates.crt"),
                mounts.stream().map(m -> m.getMountPath()).toList());
        assertEquals("runtime-config.toml", mounts.get(0).getSubPath());
        assertTrue(mounts.get(0).getReadOnly());
    }

    @Test
    void loadFromSecretMountsTheUsersSecretAndGeneratesNone() {
        var app = app(BASE + "runtimeConfig: {loadFromSecret: my-runtime-config}");
        var objects = render(app, executor(Fixtures.SHIM),
                Map.of(DataRef.secret("my-runtime-config", "runtime-config.toml", false), "[x]"));
        assertNull(objects.runtimeConfig());
        assertEquals("my-runtime-config",
                objects.deployment().getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName());
    }

    @Test
    void runtimeConfigSecretIsContentAddressedAndResolvesReferences() {
        var app = app(BASE + """
                runtimeConfig:
                  keyValueStores: [{name: default, type: redis, options: [{name: url, value: "redis://r:6379"}]}]
                  sqliteDatabases: [{name: db, type: libsql, options: [{name: token, valueFrom: {secretKeyRef: {name: s, key: t}}}]}]
                  llmCompute: {type: remote_http, options: [{name: url, valueFrom: {configMapKeyRef: {name: c, key: u}}}]}
                """);
        var values = Map.of(DataRef.secret("s", "t", false), "tok'en", DataRef.configMap("c", "u", false), "http://llm");
        var secret = render(app, executor(Fixtures.SHIM), values).runtimeConfig();
        String toml = new String(Base64.getDecoder().decode(secret.getData().get("runtime-config.toml")),
                StandardCharsets.UTF_8);
        assertEquals("""
                [[config_provider]]
                type = 'env'
                prefix = 'SPIN_VARIABLE_'

                [key_value_store]

                [key_value_store.default]
                type = 'redis'
                url = 'redis://r:6379'

                [sqlite_database]

                [sqlite_database.db]
                token = "tok'en"
                type = 'libsql'

                [llm_compute]
                type = 'remote_http'
                url = 'http://llm'
                """, toml);
        assertTrue(secret.getMetadata().getName().matches("app-[0-9a-f]+"), secret.getMetadata().getName());
        var other = render(app, executor(Fixtures.SHIM),
                Map.of(DataRef.secret("s", "t", false), "other", DataRef.configMap("c", "u", false), "http://llm"));
        assertNotEquals(secret.getMetadata().getName(), other.runtimeConfig().getMetadata().getName());
    }

    @Test
    void changedReferencedDataChangesThePodTemplateHash() {
        var app = app(BASE + "variables: [{name: p, valueFrom: {configMapKeyRef: {name: c, key: k}}}]");
        var one = render(app, executor(Fixtures.SHIM), Map.of(DataRef.configMap("c", "k", false), "1")).deployment();
        var two = render(app, executor(Fixtures.SHIM), Map.of(DataRef.configMap("c", "k", false), "2")).deployment();
        String key = DesiredDeployment.REFERENCED_DATA_HASH;
        assertNotEquals(one.getSpec().getTemplate().getMetadata().getAnnotations().get(key),
                two.getSpec().getTemplate().getMetadata().getAnnotations().get(key));
        assertNull(render(app(BASE)).deployment().getSpec().getTemplate().getMetadata().getAnnotations());
    }

    @Test
    void installDefaultCaCertsCreatesSpinCaAndMountsIt() {
        var executor = executor(Fixtures.SHIM.replace("{runtimeClassName: wasmtime-spin-v2}",
                "{runtimeClassName: rc, installDefaultCACerts: true}"));
        var objects = render(app(BASE), executor, Map.of());
        assertEquals("spin-ca", objects.caBundle().getMetadata().getName());
        assertTrue(objects.caBundle().getData().get("ca-certificates.crt").length() > 1000);
        assertEquals("spin-ca", objects.deployment().getSpec().getTemplate().getSpec().getVolumes().get(1).getSecret()
                .getSecretName());
    }

    @Test
    void annotationsGoWhereTheSpecSays() {
        var objects = render(app(BASE + """
                deploymentAnnotations: {d: "1"}
                podAnnotations: {p: "2"}
                serviceAnnotations: {s: "3"}
                """));
        assertEquals(Map.of("d", "1"), objects.deployment().getMetadata().getAnnotations());
        assertEquals(Map.of("p", "2"), objects.deployment().getSpec().getTemplate().getMetadata().getAnnotations());
        assertEquals(Map.of("s", "3"), objects.service().getMetadata().getAnnotations());
    }

    @Test
    void resourcesAndImagePullSecretsAreCopied() {
        var d = render(app(BASE + """
                resources: {limits: {cpu: 100m, memory: 128Mi}, requests: {memory: 64Mi}}
                imagePullSecrets: [{name: regcred}]
                serviceAccountName: runner
                """)).deployment();
        assertEquals("128Mi", spin(d).getResources().getLimits().get("memory").toString());
        assertEquals("64Mi", spin(d).getResources().getRequests().get("memory").toString());
        assertEquals("regcred", d.getSpec().getTemplate().getSpec().getImagePullSecrets().get(0).getName());
        assertEquals("runner", d.getSpec().getTemplate().getSpec().getServiceAccountName());
    }
}
