package dev.spinkube.operator.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.config.WebhookConfig;
import dev.spinkube.operator.webhook.CertificateStore.Stored;

/**
 * The steps of the self-provisioned certificate's life, one per check, as {@link CertificateStore#next} takes them:
 * a new CA is trusted before it signs anything, and a certificate that cannot serve is replaced at once. Validity
 * 365 days, renewal 30 days before the end, checks every 12 hours.
 */
class CertificateRenewalTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final CertificateStore STORE = new CertificateStore(null, config(List.of()), "spin-operator");
    static final Optional<Set<String>> NO_CONFIGURATION = Optional.empty();

    @Test
    void nothingStoredGivesACaAndACertificateFromIt() {
        Stored fresh = STORE.next(null, T0, NO_CONFIGURATION);

        assertTrue(fresh.signer().signed(fresh.serving().certPem()));
        assertEquals(List.of(pem(fresh.signer().certPem())), cas(fresh));
        assertTrue(fresh.serving().names(STORE.names()));
    }

    @Test
    void aCertificateFarFromItsEndIsKept() {
        Stored fresh = STORE.next(null, T0, NO_CONFIGURATION);

        assertSame(fresh, STORE.next(fresh, T0.plus(Duration.ofDays(300)), NO_CONFIGURATION));
    }

    @Test
    void aCertificateDueForRenewalFirstGetsANewCaTrustedNextToTheCurrentOne() {
        Stored fresh = STORE.next(null, T0, NO_CONFIGURATION);

        Stored staged = STORE.next(fresh, T0.plus(Duration.ofDays(340)), NO_CONFIGURATION);

        assertEquals(fresh.serving().certPem(), staged.serving().certPem(), "still the same certificate");
        assertNotEquals(fresh.signer().certPem(), staged.signer().certPem());
        assertEquals(List.of(pem(staged.signer().certPem()), pem(fresh.signer().certPem())), cas(staged));
    }

    @Test
    void theNewCaSignsOnlyACheckIntervalLaterAndOnceEveryConfigurationTrustsIt() {
        Instant due = T0.plus(Duration.ofDays(340));
        Stored staged = STORE.next(STORE.next(null, T0, NO_CONFIGURATION), due, NO_CONFIGURATION);
        Optional<Set<String>> trustingIt = Optional.of(Set.copyOf(cas(staged)));
        Optional<Set<String>> notYet = Optional.of(Set.of(cas(staged).get(1)));

        assertSame(staged, STORE.next(staged, due.plus(Duration.ofHours(1)), trustingIt), "within the check interval");
        assertSame(staged, STORE.next(staged, due.plus(Duration.ofHours(13)), notYet), "not trusted everywhere yet");
        Stored renewed = STORE.next(staged, due.plus(Duration.ofHours(13)), trustingIt);

        assertTrue(staged.signer().signed(renewed.serving().certPem()));
        assertEquals(cas(staged), cas(renewed), "the previous CA stays trusted: other replicas may still serve its certificate");
        assertTrue(renewed.serving().notAfter().isAfter(due.plus(Duration.ofDays(364))));
    }

    @Test
    void anExpiredCertificateIsReplacedAtOnce() {
        Stored fresh = STORE.next(null, T0, NO_CONFIGURATION);

        Stored renewed = STORE.next(fresh, T0.plus(Duration.ofDays(400)), NO_CONFIGURATION);

        assertTrue(renewed.signer().signed(renewed.serving().certPem()));
        assertFalse(fresh.signer().signed(renewed.serving().certPem()));
    }

    @Test
    void aCertificateLackingAConfiguredNameIsReplacedAtOnce() {
        Stored fresh = STORE.next(null, T0, NO_CONFIGURATION);
        CertificateStore local = new CertificateStore(null, config(List.of("127.0.0.1")), "spin-operator");

        Stored renewed = local.next(fresh, T0.plus(Duration.ofDays(1)), NO_CONFIGURATION);

        assertTrue(renewed.serving().names(List.of("127.0.0.1", "spin-operator-webhook.spin-operator.svc")));
    }

    @Test
    void aSecretOfAnEarlierReleaseWithoutTheCaKeyGetsACaOfItsOwnBeforeRenewal() {
        Stored fresh = STORE.next(null, T0, NO_CONFIGURATION);
        Stored earlier = new Stored(fresh.serving(), null);

        assertSame(earlier, STORE.next(earlier, T0.plus(Duration.ofDays(10)), NO_CONFIGURATION));
        Stored staged = STORE.next(earlier, T0.plus(Duration.ofDays(340)), NO_CONFIGURATION);
        assertEquals(fresh.serving().certPem(), staged.serving().certPem());
        assertEquals(2, cas(staged).size());
    }

    @Test
    void aDeletedSecretIsIssuedAgainTrustingWhatTheConfigurationsStillTrust() {
        Stored before = STORE.next(null, T0, NO_CONFIGURATION);

        Stored again = STORE.next(null, T0.plus(Duration.ofDays(1)), Optional.of(Set.copyOf(cas(before))));

        assertEquals(List.of(pem(again.signer().certPem()), pem(before.signer().certPem())), cas(again));
    }

    @Test
    void expiredCasLeaveTheBundle() {
        Stored first = STORE.next(null, T0, NO_CONFIGURATION);
        Stored staged = STORE.next(first, T0.plus(Duration.ofDays(340)), NO_CONFIGURATION);
        Stored renewed = STORE.next(staged, T0.plus(Duration.ofDays(341)), Optional.of(Set.copyOf(cas(staged))));

        // the first CA ends after 730 days; the next renewal comes after it
        Stored later = STORE.next(renewed, T0.plus(Duration.ofDays(740)), NO_CONFIGURATION);

        assertFalse(cas(later).contains(pem(first.signer().certPem())));
    }

    static List<String> cas(Stored stored) {
        return CertificateAuthority.certificates(stored.serving().caPem()).stream().map(c -> {
            try {
                return CertificateAuthority.pem(c);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String pem(String pem) {
        try {
            return CertificateAuthority.pem(CertificateAuthority.certificates(pem).get(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static WebhookConfig config(List<String> extraNames) {
        return new WebhookConfig() {
            public boolean enabled() {
                return true;
            }

            public int port() {
                return 8443;
            }

            public String certificates() {
                return "self";
            }

            public String certificateDirectory() {
                return "";
            }

            public Optional<String> namespace() {
                return Optional.of("spin-operator");
            }

            public String serviceName() {
                return "spin-operator-webhook";
            }

            public Optional<List<String>> extraNames() {
                return Optional.of(extraNames);
            }

            public String secretName() {
                return "spin-operator-webhook-tls";
            }

            public String mutatingConfiguration() {
                return "spin-operator-mutating-webhook";
            }

            public String validatingConfiguration() {
                return "spin-operator-validating-webhook";
            }

            public Duration validity() {
                return Duration.ofDays(365);
            }

            public Duration renewBefore() {
                return Duration.ofDays(30);
            }

            public Duration checkInterval() {
                return Duration.ofHours(12);
            }
        };
    }
}
