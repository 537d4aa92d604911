package dev.spinkube.operator.desired;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import dev.spinkube.operator.spin.MountedFiles;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The default CA bundle shipped in the operator ({@code installDefaultCACerts}): Mozilla's roots as
 * Debian packages them, so air-gapped clusters need nothing downloaded.
 */
public final class CaBundle {
    public static final String RESOURCE = "cacerts/ca-certificates.crt";
    private static volatile String encoded;

    private CaBundle() {
    }

    /** The Secret holding the bundle; the operator creates it where missing and never overwrites it. */
    public static Secret secret(String name, String namespace) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(Map.of(MountedFiles.CA_KEY, encoded())).build();
    }

    private static String encoded() {
        String e = encoded;
        if (e == null) {
            try (InputStream in = CaBundle.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the CA bundle " + RESOURCE
                            + " is missing from the operator's jar");
                }
                e = Base64.getEncoder().encodeToString(in.readAllBytes());
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read the CA bundle " + RESOURCE, ex);
            }
            encoded = e;
        }
        return e;
    }
}
