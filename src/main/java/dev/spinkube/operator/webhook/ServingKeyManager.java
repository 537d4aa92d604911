package dev.spinkube.operator.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The certificate and key the webhook's TLS handshakes use, replaced in place on renewal. Vert.x's
 * {@code HttpServer.updateSSLOptions} rebuilds the SSL context asynchronously and drops the connections it accepts
 * meanwhile (the client sees "Remote host terminated the handshake", the API server a failed webhook call), so the
 * server keeps this one key manager and the certificate changes inside it. Each certificate has an alias of its own:
 * a handshake that chose one gets that certificate's key, even when a renewal comes in between.
 */
final class ServingKeyManager extends X509ExtendedKeyManager {
    private record Served(String alias, X509Certificate[] chain, PrivateKey key) {
    }

    private final Map<String, Served> served = new ConcurrentHashMap<>();
    private volatile Served current;

    ServingKeyManager(ServingCertificate certificate) {
        use(certificate);
    }

    /** Serves {@code certificate} from the next handshake on. */
    void use(ServingCertificate certificate) {
        Served next = read(certificate);
        Served before = current;
        served.put(next.alias(), next);
        current = next;
        // the one before stays for handshakes that chose it a moment ago
        served.keySet().removeIf(alias -> !alias.equals(next.alias())
                && (before == null || !alias.equals(before.alias())));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = fits(keyType);
        return alias == null ? null : new String[] { alias };
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Served s = served.get(alias);
        return s == null ? null : s.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Served s = served.get(alias);
        return s == null ? null : s.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    /** The current certificate's alias when its key suits {@code keyType} ("EC", "RSA", or TLS 1.2's "EC_EC"). */
    private String fits(String keyType) {
        Served s = current;
        String algorithm = s.key().getAlgorithm();
        return keyType.equals(algorithm) || keyType.startsWith(algorithm + "_") ? s.alias() : null;
    }

    private static Served read(ServingCertificate certificate) {
        try (PEMParser parser = new PEMParser(new StringReader(certificate.keyPem()))) {
            Object key = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey privateKey = key instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey(PrivateKeyInfo.getInstance(key));
            X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(
                            new ByteArrayInputStream(certificate.certPem().getBytes(StandardCharsets.UTF_8)))
                    .stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            return new Served("webhook-" + chain[0].getSerialNumber().toString(16), chain, privateKey);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the webhook serving certificate and key: " + e.getMessage(),
                    e);
        }
    }
}
