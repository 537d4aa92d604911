package dev.spinkube.operator.ops;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.Controller;
import io.quarkiverse.operatorsdk.runtime.AppEventListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;

/** The assumptions {@link OperatorInternals} lists, checked against the JOSDK and QOSDK on the class path. */
class OperatorInternalsTest {

    @Test
    void theFrameworksAreTheVersionsTheWorkaroundsWereCheckedWith() {
        assertAll(OperatorInternals.CHECKED_WITH.entrySet().stream().map(e -> () -> {
            String[] ga = e.getKey().split(":");
            assertEquals(e.getValue(), version(ga[0], ga[1]), e.getKey() + " changed: re-check each workaround in "
                    + "OperatorInternals (GracefulShutdownIT, LeaderElectionReadinessTest), then update CHECKED_WITH");
        }));
    }

    @Test
    void qosdkStartsAndStopsTheOperatorAfterOurObservers() throws Exception {
        assertEquals(OperatorInternals.QOSDK_STARTS, priority(AppEventListener.class, "onStartup", StartupEvent.class));
        assertNull(priority(AppEventListener.class, "onShutdown", ShutdownEvent.class), "QOSDK's stop has no priority");

        int clusterCheck = priority(ClusterCheck.class, "beforeTheOperatorStarts", StartupEvent.class);
        int leaseLoss = priority(LeaseLoss.class, "stopping", ShutdownEvent.class);
        int drain = priority(GracefulShutdown.class, "drain", ShutdownEvent.class);
        assertTrue(clusterCheck < OperatorInternals.QOSDK_STARTS, "the cluster is checked before the operator starts");
        assertTrue(leaseLoss < drain, "LeaseLoss knows the process stops before the drain releases anything");
        assertTrue(drain < OperatorInternals.QOSDK_STOPS, "the drain runs before QOSDK stops the operator");
    }

    @Test
    void registeredControllersAreJosdksControllersWhoseProcessingCanBeStopped() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:9").build()).build()) {
            Operator operator = new Operator(o -> o.withKubernetesClient(client)
                    .checkingCRDAndValidateLocalModel(false));
            RegisteredController<SpinApp> registered = operator.register(new Nothing());

            Controller<?> controller = assertInstanceOf(Controller.class, registered);
            assertFalse(OperatorInternals.processingEvents(operator), "not started: not processing");
            OperatorInternals.stopProcessing(operator);
            assertFalse(controller.getEventProcessor().isRunning());
        }
    }

    @Test
    void theTerminationTimeoutThatInstallsJosdksShutdownHookIsNotSet() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertFalse(properties.stringPropertyNames().stream()
                .anyMatch(k -> k.endsWith("quarkus.operator-sdk.termination-timeout-seconds")));
    }

    @ControllerConfiguration(name = "nothing")
    static class Nothing implements Reconciler<SpinApp> {
        @Override
        public UpdateControl<SpinApp> reconcile(SpinApp app, Context<SpinApp> context) {
            return UpdateControl.noUpdate();
        }
    }

    private static Integer priority(Class<?> type, String method, Class<?> event) throws NoSuchMethodException {
        Method m = type.getDeclaredMethod(method, event);
        Priority priority = m.getParameters()[0].getAnnotation(Priority.class);
        return priority == null ? null : priority.value();
    }

    private static String version(String groupId, String artifactId) throws IOException {
        String path = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = OperatorInternals.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return "(no " + path + " on the class path)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
