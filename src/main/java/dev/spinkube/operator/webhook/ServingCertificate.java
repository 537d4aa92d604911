package dev.spinkube.operator.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The certificate the webhook serves (with its key) and the CAs clients must trust to accept it, as PEM. The
 * bundle may hold more than the CA that signed the certificate: during a rotation the next CA, and the previous
 * one while another replica may still serve a certificate it signed.
 */
public record ServingCertificate(String caPem, String certPem, String keyPem) {

    /** When the serving certificate stops being valid. */
    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** Whether the certificate must be replaced: it ends within {@code renewBefore} of {@code now}. */
    public boolean needsRenewal(Instant now, Duration renewBefore) {
        return notAfter().isBefore(now.plus(renewBefore));
    }

    /** Whether the certificate names all of {@code names} (DNS names, IP addresses). */
    boolean names(Collection<String> names) {
        GeneralNames sans = GeneralNames.fromExtensions(leaf().getExtensions(), Extension.subjectAlternativeName);
        List<String> named = new ArrayList<>();
        if (sans != null) {
            for (GeneralName n : sans.getNames()) {
                named.add(n.getTagNo() == GeneralName.iPAddress ? ipAddress(n) : n.getName().toString());
            }
        }
        return named.containsAll(names.stream().map(ServingCertificate::normalized).toList());
    }

    private X509CertificateHolder leaf() {
        return CertificateAuthority.certificates(certPem).get(0);
    }

    private static String ipAddress(GeneralName n) {
        try {
            return InetAddress.getByAddress(DEROctetString.getInstance(n.getName()).getOctets()).getHostAddress();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    /** IP addresses as the certificate spells them (::1 is 0:0:0:0:0:0:0:1); DNS names as they are. */
    private static String normalized(String name) {
        if (!CertificateAuthority.isIpAddress(name)) {
            return name;
        }
        try {
            return InetAddress.getByName(name).getHostAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return name;
        }
    }
}
