package dev.faultline.load;

import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * How the harness's own HTTP clients (load and probes) check an {@code https://} target's certificate:
 * against the JVM's usual authorities plus the run's certificate authority when the scenario has one,
 * or not at all when the scenario says {@code target.insecure: true} (a target serving a certificate of
 * its own, such as a self-signed one). Only the harness's clients are affected, never the target's.
 */
public final class TargetTls {
    /** Verifies against the JVM's authorities only. */
    public static final TargetTls DEFAULT = new TargetTls(Optional.empty(), false);

    private final Optional<KeyStore> runAuthority;
    private final boolean insecure;

    private TargetTls(Optional<KeyStore> runAuthority, boolean insecure) {
        this.runAuthority = runAuthority;
        this.insecure = insecure;
    }

    /**
     * @param runAuthority a trust store holding the run's certificate authority, when the run has one
     * @param insecure     accept any certificate and host name
     */
    public static TargetTls of(Optional<KeyStore> runAuthority, boolean insecure) {
        return new TargetTls(runAuthority, insecure);
    }

    public boolean insecure() {
        return insecure;
    }

    /** The builder set up to connect to https targets this way (http targets are unaffected). */
    public OkHttpClient.Builder apply(OkHttpClient.Builder builder) {
        if (!insecure && runAuthority.isEmpty()) {
            return builder;
        }
        X509TrustManager trust = insecure ? new AcceptAll() : withRunAuthority(runAuthority.get());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trust}, new SecureRandom());
            builder.sslSocketFactory(context.getSocketFactory(), trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the target: " + e.getMessage(), e);
        }
        if (insecure) {
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder;
    }

    // One trust store with the JVM's authorities and the run's, so a target with a public certificate still verifies.
    private static X509TrustManager withRunAuthority(KeyStore run) {
        try {
            KeyStore both = KeyStore.getInstance("PKCS12");
            both.load(null, null);
            int n = 0;
            for (X509Certificate issuer : trustManager(null).getAcceptedIssuers()) {
                both.setCertificateEntry("jvm-" + n++, issuer);
            }
            for (String alias : java.util.Collections.list(run.aliases())) {
                both.setCertificateEntry("run-" + alias, run.getCertificate(alias));
            }
            return trustManager(both);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust store for the target: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Accepts every certificate: only for {@code target.insecure: true}, which the scenario asked for by name. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
