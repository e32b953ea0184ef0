package dev.faultline.upstream.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the run's TLS material was written, for the target to use (the {@code ${ca.*}} references).
 *
 * @param caFile             the authority's certificate, PEM ({@code ${ca.file}}): {@code CURL_CA_BUNDLE},
 *                           {@code SSL_CERT_FILE}, {@code NODE_EXTRA_CA_CERTS}
 * @param truststore         a PKCS12 trust store holding the authority ({@code ${ca.truststore}}) for Java clients
 * @param truststorePassword its password ({@code ${ca.truststore-password}})
 * @param clientCert         the client certificate for mTLS, PEM ({@code ${ca.client-cert}})
 * @param clientKey          its private key, unencrypted PKCS#8 PEM ({@code ${ca.client-key}})
 * @param clientKeystore     certificate and key as a PKCS12 key store with the same password
 *                           ({@code ${ca.client-keystore}}) for Java clients
 */
public record TlsFiles(Path caFile, Path truststore, String truststorePassword, Path clientCert, Path clientKey,
                       Path clientKeystore) {
    public TlsFiles {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        Objects.requireNonNull(clientCert, "clientCert");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(clientKeystore, "clientKeystore");
    }
}
