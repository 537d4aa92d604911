package dev.spinkube.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** What the operator's client (and so every informer cache) leaves out of what it reads. */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class ManagedFieldsAndLastAppliedSkippedTest {
    static final String DEPLOYMENT = """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "app", "namespace": "ns",
               "annotations": {"team": "a", "kubectl.kubernetes.io/last-applied-configuration": "{\\"kind\\": \\"Deployment\\"}"},
               "managedFields": [{"manager": "spinapp", "operation": "Apply", "apiVersion": "apps/v1",
                 "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:replicas": {}}}}]},
             "spec": {"replicas": 2}}
            """;

    /** Only to see how it reads: tests act with Cluster.admin(). */
    @Inject
    KubernetesClient operatorClient;

    @Inject
    @KubernetesClientObjectMapper
    ObjectMapper operatorMapper;

    @Test
    void managedFieldsAreNotRead() {
        Deployment d = operatorClient.getKubernetesSerialization().unmarshal(DEPLOYMENT, Deployment.class);
        assertTrue(d.getMetadata().getManagedFields().isEmpty(), d.getMetadata().getManagedFields().toString());
        assertEquals(2, d.getSpec().getReplicas());
    }

    @Test
    void kubectlsLastAppliedCopyIsNotReadOtherAnnotationsAre() {
        Deployment d = operatorClient.getKubernetesSerialization().unmarshal(DEPLOYMENT, Deployment.class);
        assertEquals(Map.of("team", "a"), d.getMetadata().getAnnotations());
    }

    @Test
    void watchEventsAreReadInOnePassIntoTheOperatorsKinds() {
        assertEquals(WatchEventsReadInOnePass.OnePass.class, operatorMapper.findMixInClassFor(WatchEvent.class));
        Object app = operatorClient.getKubernetesSerialization().unmarshal("""
                {"type": "ADDED", "object": {"apiVersion": "core.spinkube.dev/v1alpha1", "kind": "SpinApp",
                 "metadata": {"name": "app", "managedFields": [{"manager": "kubectl"}]},
                 "spec": {"image": "ghcr.io/x/app:1", "executor": "containerd-shim-spin", "replicas": 3}}}
                """, WatchEvent.class).getObject();
        assertEquals(3, assertInstanceOf(SpinApp.class, app).getSpec().replicas());
        assertTrue(((SpinApp) app).getMetadata().getManagedFields().isEmpty());
    }

    @Test
    void theClientsRegistryHoldsTheWatchedKindsAndNoOther() {
        var serialization = operatorClient.getKubernetesSerialization();
        for (var kind : WatchEventsReadInOnePass.WATCHED) {
            assertEquals(kind, serialization.getRegisteredKubernetesResource(HasMetadata.getApiVersion(kind),
                    HasMetadata.getKind(kind)));
        }
        assertNull(serialization.getRegisteredKubernetesResource("v1", "Pod"), "the registry holds the watched kinds only");
        Object status = serialization.unmarshal("""
                {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                 "message": "too old resource version: 1 (2)", "reason": "Expired", "code": 410}}
                """, WatchEvent.class).getObject();
        assertEquals(410, assertInstanceOf(Status.class, status).getCode(), "an expired watch is seen as one");
    }

    @Test
    void aSecretAppliedWithKubectlLeavesNoCopyOfItsValuesInTheCache() {
        Secret s = operatorClient.getKubernetesSerialization().unmarshal("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "creds", "annotations":
                  {"kubectl.kubernetes.io/last-applied-configuration": "{\\"data\\": {\\"password\\": \\"czNjcjN0\\"}}"}},
                 "data": {"password": "czNjcjN0"}}
                """, Secret.class);
        assertTrue(s.getMetadata().getAnnotations().isEmpty(), s.getMetadata().getAnnotations().toString());
    }

    @Test
    void equalValuesOfTwoObjectsReadShareOneString() {
        var serialization = operatorClient.getKubernetesSerialization();
        Deployment a = serialization.unmarshal(DEPLOYMENT, Deployment.class);
        Deployment b = serialization.unmarshal(DEPLOYMENT, Deployment.class);
        assertSame(a.getMetadata().getAnnotations().get("team"), b.getMetadata().getAnnotations().get("team"));
        String key = a.getMetadata().getAnnotations().keySet().iterator().next();
        assertSame(key, b.getMetadata().getAnnotations().keySet().iterator().next(), "keys of maps too");
    }

    /**
     * Objects whose managedFields hold names of their own (here the owner's uid, as on every object the operator
     * owns) cost the operator's client no more to read than other objects. Read through a client whose parsers share
     * a table of field names, each of them copied that table as it grew (several times the object's own size).
     */
    @Test
    void namesUniqueToEachObjectAreNotCollectedInATable() {
        var operator = operatorClient.getKubernetesSerialization();
        var sharedNames = new KubernetesSerialization(operatorMapper.copy(), false);
        List<String> objects = IntStream.range(0, 3000).mapToObj(i -> DEPLOYMENT.replace("\"f:replicas\": {}",
                "\"f:replicas\": {}, \"k:{\\\"uid\\\":\\\"" + UUID.randomUUID() + "\\\"}\": {}")).toList();
        allocatedReading(sharedNames, objects.subList(0, 10));
        allocatedReading(operator, objects.subList(0, 10));
        long withTable = allocatedReading(sharedNames, objects);
        long operatorReads = allocatedReading(operator, objects);
        assertTrue(operatorReads * 2 < withTable, "bytes allocated reading " + objects.size() + " objects: "
                + operatorReads + " by the operator's client, " + withTable + " with a shared table of names");
    }

    private static long allocatedReading(KubernetesSerialization json, List<String> objects) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (String object : objects) {
            assertEquals(2, json.unmarshal(new ByteArrayInputStream(object.getBytes(StandardCharsets.UTF_8)),
                    Deployment.class).getSpec().getReplicas());
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
