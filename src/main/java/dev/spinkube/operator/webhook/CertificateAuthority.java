package dev.spinkube.operator.webhook;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The CA that signs the webhook's serving certificates, as PEM: what the operator provisions for itself so no
 * cert-manager is needed. Kept with its key in the shared Secret, so that whichever replica renews the serving
 * certificate signs it with a CA the webhook configurations already trust.
 */
record CertificateAuthority(String certPem, String keyPem) {
    /** Certificates start this much before they are made: the API server's clock may be behind ours. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final X500Name NAME = new X500Name("CN=spin-operator-webhook-ca");

    static CertificateAuthority issue(Instant now, Duration validity) {
        try {
            KeyPair keys = keyPair();
            var ca = new JcaX509v3CertificateBuilder(NAME, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(validity)), NAME, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new CertificateAuthority(pem(ca.build(signer(keys.getPrivate()))),
                    pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the webhook CA: " + e.getMessage(), e);
        }
    }

    /**
     * A serving certificate for the given names (DNS names, or IP addresses as literals), valid from now for
     * {@code validity} but never beyond this CA; {@code caBundle} is what clients must trust.
     */
    ServingCertificate sign(List<String> names, Instant now, Duration validity, String caBundle) {
        try {
            KeyPair keys = keyPair();
            GeneralName[] sans = names.stream().map(CertificateAuthority::subjectAlternativeName)
                    .toArray(GeneralName[]::new);
            Instant until = now.plus(validity).isBefore(notAfter()) ? now.plus(validity) : notAfter();
            var leaf = new JcaX509v3CertificateBuilder(NAME, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(until), new X500Name("CN=" + names.get(0)), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            PrivateKey caKey = new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(read(keyPem)));
            // PKCS#8 ("PRIVATE KEY"), which every TLS stack reads
            return new ServingCertificate(caBundle, pem(leaf.build(signer(caKey))),
                    pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the webhook serving certificate: " + e.getMessage(), e);
        }
    }

    Instant notAfter() {
        return certificates(certPem).get(0).getNotAfter().toInstant();
    }

    /** When this CA was made (its validity starts {@link #BACKDATE} earlier). */
    Instant issuedAt() {
        return certificates(certPem).get(0).getNotBefore().toInstant().plus(BACKDATE);
    }

    /** Whether this CA signed the certificate. */
    boolean signed(String certificatePem) {
        try {
            return certificates(certificatePem).get(0).isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(certificates(certPem).get(0)));
        } catch (CertException | OperatorCreationException | CertificateException e) {
            return false;
        }
    }

    /** The certificates of a PEM bundle, in order; IllegalArgumentException when there is anything else in it. */
    static List<X509CertificateHolder> certificates(String pem) {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (!(o instanceof X509CertificateHolder holder)) {
                    throw new IllegalArgumentException("not a PEM certificate: " + o.getClass().getSimpleName());
                }
                certificates.add(holder);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not PEM: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate");
        }
        return certificates;
    }

    static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static Object read(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        }
    }

    private static GeneralName subjectAlternativeName(String name) {
        return new GeneralName(isIpAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }

    static boolean isIpAddress(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }

    private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }
}
