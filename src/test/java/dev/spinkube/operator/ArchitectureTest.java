package dev.spinkube.operator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package layering of the README's "Architecture", on the compiled main classes: no package imports one that
 * imports it back, and each package of the core imports only the ones below it.
 */
class ArchitectureTest {
    static final String ROOT = "dev.spinkube.operator";
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noPackageImportsOneThatImportsItBack() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** Bottom to top; a package of the core may import those listed with it, and no other package of the operator. */
    static Stream<Arguments> core() {
        return Stream.of(
                Arguments.of("spin", List.of()),
                Arguments.of("config", List.of()),
                Arguments.of("api", List.of("spin")),
                Arguments.of("runtimeconfig", List.of("api", "spin")),
                Arguments.of("validation", List.of("api", "spin")),
                Arguments.of("desired", List.of("api", "spin", "runtimeconfig")),
                Arguments.of("plan", List.of("api", "spin", "validation", "desired")),
                Arguments.of("status", List.of("api", "spin", "plan")));
    }

    @ParameterizedTest(name = "{0} imports only {1}")
    @MethodSource("core")
    void theCoreImportsOnlyWhatIsBelowIt(String pkg, List<String> below) {
        String[] allowed = Stream.concat(Stream.of(pkg), below.stream()).map(p -> ROOT + "." + p + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(allowed))))
                .check(MAIN);
    }

    /** The couplings to JOSDK's and QOSDK's internals live in one class, with the reasons (ops.OperatorInternals). */
    @Test
    void onlyOperatorInternalsReachesIntoTheFrameworks() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".ops.OperatorInternals")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.javaoperatorsdk.operator.processing.Controller")
                .orShould().dependOnClassesThat().resideInAPackage("io.quarkiverse.operatorsdk.runtime..")
                .check(MAIN);
    }
}
