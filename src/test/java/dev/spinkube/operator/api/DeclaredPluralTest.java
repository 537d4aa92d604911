package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.model.annotation.Plural;

/**
 * Both kinds declare their plural, so that creating an instance (every SpinApp the client reads) does not run
 * fabric8's regex pluralizer, and the declared plural is the one fabric8 derived before: the CRDs' names, the API
 * paths and RBAC are unchanged.
 */
class DeclaredPluralTest {

    @ParameterizedTest
    @ValueSource(classes = { SpinApp.class, SpinAppExecutor.class })
    void theKindDeclaresThePluralFabric8WouldDerive(Class<? extends HasMetadata> kind) {
        Plural declared = kind.getAnnotation(Plural.class);
        assertNotNull(declared, kind.getSimpleName() + " declares no @Plural: every instance runs the pluralizer");
        assertEquals(Pluralize.toPlural(HasMetadata.getSingular(kind)), declared.value());
        assertEquals(declared.value(), HasMetadata.getPlural(kind));
    }
}
