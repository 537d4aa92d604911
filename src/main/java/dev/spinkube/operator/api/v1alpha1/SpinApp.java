package dev.spinkube.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/** SpinApp is the Schema for the spinapps API */
@Group(SpinApp.GROUP)
@Version(SpinApp.VERSION)
// declared, not derived: CustomResource's constructor derives it with fabric8's regex pluralizer on every SpinApp the
// client reads, 3% of the operator's CPU when converging (perf, bench/README)
@Plural(SpinApp.PLURAL)
// the owned CRD's display name and description in the OLM bundle's ClusterServiceVersion
@CSVMetadata(displayName = "Spin App", description = "A Spin (WebAssembly) application: the operator runs it as a"
        + " Deployment and a Service through the executor it names")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Desired", jsonPath = ".spec.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Executor", jsonPath = ".spec.executor", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Deployment", jsonPath = ".status.deploymentName",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Service", jsonPath = ".status.serviceName",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@ValidationRule(value = ObjectRules.INIT_NAME_NOT_APP, message = RuleMessages.INIT_NAME_NOT_APP,
        fieldPath = ".spec.initContainers")
public class SpinApp extends CustomResource<SpinAppSpec, SpinAppStatus> implements Namespaced {
    public static final String GROUP = "core.spinkube.dev";
    public static final String VERSION = "v1alpha1";
    public static final String PLURAL = "spinapps";

    @Override
    protected SpinAppSpec initSpec() {
        return new SpinAppSpec();
    }
}
