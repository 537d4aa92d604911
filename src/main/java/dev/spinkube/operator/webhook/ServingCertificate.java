package dev.spinkube.operator.webhook;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A webhook serving certificate and the CA that signed it, as PEM: what the operator provisions for
 * itself so no cert-manager is needed. The CA goes into the webhook configurations' caBundle.
 */
public record ServingCertificate(String caPem, String certPem, String keyPem) {

    /**
     * A new CA and a serving certificate for the given names (DNS names, or IP addresses as literals), valid from now
     * for {@code validity}.
     */
    public static ServingCertificate issue(List<String> names, Instant now, Duration validity) {
        try {
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=spin-operator-webhook-ca");
            Date from = Date.from(now.minus(Duration.ofMinutes(5)));
            Date until = Date.from(now.plus(validity));
            var ca = new JcaX509v3CertificateBuilder(caName, serial(), from, Date.from(now.plus(validity.multipliedBy(2))),
                    caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca.build(signer(caKeys.getPrivate())));

            KeyPair keys = keyPair();
            GeneralName[] sans = names.stream().map(ServingCertificate::subjectAlternativeName).toArray(GeneralName[]::new);
            var leaf = new JcaX509v3CertificateBuilder(caName, serial(), from, until,
                    new X500Name("CN=" + names.get(0)), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            X509Certificate cert = sign(leaf.build(signer(caKeys.getPrivate())));
            // PKCS#8 ("PRIVATE KEY"), which every TLS stack reads
            return new ServingCertificate(pem(caCert), pem(cert), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the webhook serving certificate: " + e.getMessage(), e);
        }
    }

    /** When the serving certificate stops being valid. */
    public Instant notAfter() {
        try (PEMParser parser = new PEMParser(new StringReader(certPem))) {
            Object o = parser.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException("not a PEM certificate");
            }
            return holder.getNotAfter().toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the certificate must be replaced: it ends within {@code renewBefore} of {@code now}. */
    public boolean needsRenewal(Instant now, Duration renewBefore) {
        return notAfter().isBefore(now.plus(renewBefore));
    }

    private static GeneralName subjectAlternativeName(String name) {
        boolean ip = name.matches("[0-9.]+") || name.contains(":");
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
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

    private static X509Certificate sign(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
