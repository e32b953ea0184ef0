package dev.faultline.upstream.tls;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.io.IOException;
import java.util.Objects;

/**
 * A certificate and its private key, as issued by a {@link CertificateAuthority}.
 *
 * @param key         the private key
 * @param certificate the certificate
 * @param issuer      the certificate of the authority that signed it (the chain's second link)
 */
public record IssuedCertificate(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {
    /** Alias of the entry in {@link #keyStore(char[])}. */
    public static final String ALIAS = "faultline";

    public IssuedCertificate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * An in-memory PKCS12 key store holding the key with its certificate alone: a server or client
     * presents its own certificate and the peer must already trust the issuer (which is what an
     * unknown authority's certificate then tests).
     */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, new Certificate[]{certificate});
            return store;
        } catch (KeyStoreException | IOException | NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot build a PKCS12 key store: " + e.getMessage(), e);
        }
    }
}
