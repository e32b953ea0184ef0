package dev.faultline.upstream.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The TLS material of one run: a fresh certificate authority, the server certificate every TLS fake
 * upstream presents (for {@code 127.0.0.1}, {@code ::1} and {@code localhost}) and a client
 * certificate for mTLS. Nothing outlives the run: the authority's key is never written, so no
 * certificate it signed can be trusted by anything but this run's target.
 */
public final class RunTls {
    /** The password of the PKCS12 files written: Java's own default, which the docs name. */
    public static final String STORE_PASSWORD = "changeit";
    /** The names a server certificate covers: where a local client reaches a fake upstream. */
    public static final List<String> LOCAL_HOSTS = List.of("127.0.0.1", "::1", "localhost");

    private final CertificateAuthority authority;
    private final IssuedCertificate server;
    private final IssuedCertificate client;
    private final IssuedCertificate expired;
    private final IssuedCertificate wrongHost;
    private final IssuedCertificate unknownCa;

    private RunTls(CertificateAuthority authority, IssuedCertificate server, IssuedCertificate client,
                   IssuedCertificate expired, IssuedCertificate wrongHost, IssuedCertificate unknownCa) {
        this.authority = authority;
        this.server = server;
        this.client = client;
        this.expired = expired;
        this.wrongHost = wrongHost;
        this.unknownCa = unknownCa;
    }

    /** A new authority with its server and client certificates, and the spoilt ones the TLS faults present. */
    public static RunTls create() {
        CertificateAuthority authority = CertificateAuthority.create("faultline run CA");
        Instant now = Instant.now();
        IssuedCertificate expired = authority.issueServer("faultline fake upstream (expired)", LOCAL_HOSTS,
                now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)));
        IssuedCertificate wrongHost = authority.issueServer(WRONG_HOST, List.of(WRONG_HOST));
        // An authority nobody was told about: its key and certificate are never written anywhere.
        IssuedCertificate unknownCa = CertificateAuthority.create("faultline unknown CA")
                .issueServer("faultline fake upstream (unknown CA)", LOCAL_HOSTS);
        return new RunTls(authority, authority.issueServer("faultline fake upstream", LOCAL_HOSTS),
                authority.issueClient("faultline target"), expired, wrongHost, unknownCa);
    }

    /** The only host named by the {@code wrong-host} fault's certificate; {@code .invalid} never resolves. */
    public static final String WRONG_HOST = "wrong-host.invalid";

    /** From the run's authority for the right hosts, but its validity ended a day ago. */
    public IssuedCertificate expired() {
        return expired;
    }

    /** From the run's authority and valid, but for {@link #WRONG_HOST} only. */
    public IssuedCertificate wrongHost() {
        return wrongHost;
    }

    /** For the right hosts and valid, but signed by an authority the target was never given. */
    public IssuedCertificate unknownCa() {
        return unknownCa;
    }

    public CertificateAuthority authority() {
        return authority;
    }

    /** The certificate the fake upstreams present. */
    public IssuedCertificate server() {
        return server;
    }

    /** The certificate the target presents to an mTLS upstream. */
    public IssuedCertificate client() {
        return client;
    }

    /** A trust store holding only the run's authority. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("faultline-ca", authority.certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the files a target needs into {@code dir} (created if missing): {@code ca.pem},
     * {@code ca-truststore.p12}, {@code client-cert.pem}, {@code client-key.pem}, {@code client.p12}.
     */
    public TlsFiles writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, Pem.certificate(authority.certificate()), StandardCharsets.US_ASCII);
        Path truststore = dir.resolve("ca-truststore.p12");
        store(trustStore(), truststore);
        Path cert = dir.resolve("client-cert.pem");
        Files.writeString(cert, Pem.certificate(client.certificate()) + Pem.certificate(authority.certificate()),
                StandardCharsets.US_ASCII);
        Path key = dir.resolve("client-key.pem");
        Files.writeString(key, Pem.privateKey(client.key()), StandardCharsets.US_ASCII);
        Path keystore = dir.resolve("client.p12");
        store(client.keyStore(STORE_PASSWORD.toCharArray()), keystore);
        return new TlsFiles(ca, truststore, STORE_PASSWORD, cert, key, keystore);
    }

    private static void store(KeyStore store, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
