package dev.spinkube.operator.validation;

import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.ObjectRules;
import dev.spinkube.operator.api.v1alpha1.ListEntry;
import dev.spinkube.operator.api.v1alpha1.RuleMessages;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfig;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import io.fabric8.kubernetes.api.model.Container;

/**
 * The rules a SpinApp must follow before anything is applied for it: those of {@link ObjectRules} and those that need
 * its executor. Each message names the field and says what to do. The reconciler, the renderer and the admission
 * webhook all call this.
 */
public final class SpinAppRules {
    private SpinAppRules() {
    }

    /** Rules on the app alone plus those that need its executor (null when it is not known). */
    public static List<Violation> check(SpinApp app, SpinAppExecutor executor) {
        List<Violation> v = new ArrayList<>(checkApp(app));
        if (executor != null) {
            ExecutorRules.check(executor.getSpec()).forEach(e -> v.add(new Violation("spec.executor",
                    "executor \"" + executor.getMetadata().getName() + "\" is invalid: " + e)));
            if (!executor.getSpec().createDeployment()) {
                SpinAppSpec spec = app.getSpec();
                if (!spec.deploymentAnnotations().isEmpty()) {
                    v.add(new Violation("spec.deploymentAnnotations",
                            RuleMessages.DEPLOYMENT_ANNOTATIONS_WITHOUT_DEPLOYMENT));
                }
                if (!spec.podAnnotations().isEmpty()) {
                    v.add(new Violation("spec.podAnnotations", RuleMessages.POD_ANNOTATIONS_WITHOUT_DEPLOYMENT));
                }
            }
        }
        return v;
    }

    /** The rules that need nothing but the app itself. */
    public static List<Violation> checkApp(SpinApp app) {
        SpinAppSpec spec = app.getSpec();
        List<Violation> v = new ArrayList<>();
        Checks.brokenRules(ObjectRules.APP, spec, "", v);
        Checks.brokenRulesPerEntry(ObjectRules.ENV, spec.env(), "spec.env", v);
        for (ListEntry<Container> c : ListEntry.all(app, spec.initContainers())) {
            String at = "spec.initContainers[" + c.index() + "]";
            Checks.firstBrokenPerField(ObjectRules.INIT_CONTAINERS, c, at, v);
            Checks.brokenRulesPerEntry(ObjectRules.INIT_CONTAINER_PORTS, ListEntry.all(app, orEmpty(c.value().getPorts())),
                    at + ".ports", v);
        }
        RuntimeConfig rc = spec.runtimeConfig();
        String path = "spec.runtimeConfig";
        Checks.brokenRulesPerEntry(ObjectRules.KEY_VALUE_STORES, ListEntry.all(app, rc.keyValueStores()),
                path + ".keyValueStores", v);
        Checks.brokenRulesPerEntry(ObjectRules.SQLITE_DATABASES, ListEntry.all(app, rc.sqliteDatabases()),
                path + ".sqliteDatabases", v);
        return v;
    }

    /** A container as read from YAML has null for the lists it does not set. */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
