package dev.spinkube.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.plan.Plan;
import dev.spinkube.operator.spin.ResolvedReferences;

/**
 * The pure core's throughput: a SpinApp (small, or large with 50 variables, 4 sidecars/init containers and
 * 10 runtime-config stores) validated and turned into its Deployment, Service and Secrets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmark {
    final SpinAppExecutor executor = Apps.executor("default");
    final SpinApp small = Apps.small("small", "default");
    final SpinApp large = Apps.large("large", "default");
    final ResolvedReferences refs = ResolvedReferences.ofValues(Apps.largeSecrets());

    @Benchmark
    public Object renderSmallApp() {
        return Plan.of(small, executor, (ns, needed) -> ResolvedReferences.NONE);
    }

    @Benchmark
    public Object renderLargeApp() {
        return Plan.of(large, executor, (ns, needed) -> refs);
    }
}
