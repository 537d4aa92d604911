package dev.spinkube.operator.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.KeyValueStoreConfig;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfig;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigOption;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigVarSource;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.reconciler.SpinAppReconcileTestSupport;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * The RBAC of deploy/ against the API calls the operator really makes: a scenario runs against the
 * in-process API server, every request the operator sent is mapped to (group, resource, verb), and each
 * must be allowed by the ClusterRole. The test's own requests carry another User-Agent and are left out.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RbacMatchesApiCallsTest {
    static final Pattern PATH = Pattern.compile("^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(\\?.*)?$");

    @KubernetesTestServer
    KubernetesServer server;
    @Inject
    KubernetesClient operatorClient;

    record Call(String group, String resource, String verb) {
        @Override
        public String toString() {
            return (group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb;
        }
    }

    @Test
    void everyCallTheOperatorMakesIsAllowedByTheClusterRole() throws Exception {
        KubernetesClient user = new KubernetesClientBuilder().withConfig(new ConfigBuilder(operatorClient.getConfiguration())
                .withUserAgent("rbac-test-user").build()).build();
        runScenario(user);

        Set<Call> calls = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        RecordedRequest r;
        while ((r = server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            String agent = r.getHeader("User-Agent");
            if (agent != null && agent.contains("rbac-test-user")) {
                continue;
            }
            Call c = call(r.getMethod(), r.getPath());
            if (c != null) {
                calls.add(c);
            }
        }
        assertTrue(calls.size() >= 10, "calls recorded: " + calls);
        List<PolicyRule> rules = clusterRoleRules();
        List<String> denied = calls.stream().filter(c -> !allowed(rules, c)).map(Call::toString).toList();
        assertTrue(denied.isEmpty(), "calls the deploy/ RBAC does not allow: " + denied + " (all calls: " + calls + ")");
    }

    void runScenario(KubernetesClient user) {
        SpinAppExecutor e = new SpinAppExecutor();
        e.setMetadata(new ObjectMetaBuilder().withName("rbac").withNamespace("default").build());
        e.getSpec().createDeployment = true;
        e.getSpec().deploymentConfig = new ExecutorDeploymentConfig();
        e.getSpec().deploymentConfig.runtimeClassName = "wasmtime-spin-v2";
        e.getSpec().deploymentConfig.installDefaultCACerts = true;
        user.resource(e).create();
        user.resource(new ConfigMapBuilder().withNewMetadata().withName("kv").withNamespace("default").endMetadata()
                .addToData("url", "redis://r").build()).create();
        SpinApp app = new SpinApp();
        app.setMetadata(new ObjectMetaBuilder().withName("rbac-app").withNamespace("default").build());
        app.getSpec().executor = "rbac";
        app.getSpec().image = "ghcr.io/example/app:v1";
        app.getSpec().replicas = 1;
        KeyValueStoreConfig kv = new KeyValueStoreConfig();
        kv.name = "default";
        kv.type = "redis";
        RuntimeConfigOption url = new RuntimeConfigOption();
        url.name = "url";
        url.valueFrom = new RuntimeConfigVarSource();
        url.valueFrom.configMapKeyRef = new ConfigMapKeySelector("url", "kv", false);
        kv.options = List.of(url);
        app.getSpec().runtimeConfig = new RuntimeConfig();
        app.getSpec().runtimeConfig.keyValueStores = List.of(kv);
        user.resource(app).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> user.apps().deployments().inNamespace("default")
                .withName("rbac-app").get() != null);
        SpinAppReconcileTestSupport.edit(user, SpinApp.class, "default", "rbac-app", current -> current.getSpec().replicas = 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> user.apps().deployments().inNamespace("default")
                .withName("rbac-app").get().getSpec().getReplicas() == 2);
        user.resources(SpinAppExecutor.class).inNamespace("default").withName("rbac").delete();
        user.resources(SpinApp.class).inNamespace("default").withName("rbac-app").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> user.resources(SpinAppExecutor.class).inNamespace("default")
                .withName("rbac").get() == null);
    }

    static Call call(String method, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String group = m.group(1) == null ? "" : m.group(1);
        String resource = m.group(2);
        String name = m.group(3);
        String sub = m.group(4);
        String query = m.group(5) == null ? "" : m.group(5);
        if (sub != null) {
            resource = resource + "/" + sub;
        }
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase();
        };
        return new Call(group, resource, verb);
    }

    static List<PolicyRule> clusterRoleRules() throws Exception {
        List<PolicyRule> rules = new ArrayList<>();
        for (Path f : Files.list(Path.of("deploy")).filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
            for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
                if (doc.contains("kind: ClusterRole\n") || doc.contains("kind: Role\n")) {
                    HasMetadata role = Serialization.unmarshal(doc);
                    if (role instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole cr) {
                        rules.addAll(cr.getRules());
                    } else if (role instanceof io.fabric8.kubernetes.api.model.rbac.Role r) {
                        rules.addAll(r.getRules());
                    }
                }
            }
        }
        assertTrue(!rules.isEmpty(), "no ClusterRole/Role found in deploy/");
        return rules;
    }

    static boolean allowed(List<PolicyRule> rules, Call c) {
        return rules.stream().anyMatch(r -> r.getApiGroups().contains(c.group()) && r.getResources().contains(c.resource())
                && (r.getVerbs().contains(c.verb()) || r.getVerbs().contains("*")));
    }
}
