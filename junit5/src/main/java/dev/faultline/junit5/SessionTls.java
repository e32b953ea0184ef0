package dev.faultline.junit5;

import dev.faultline.upstream.tls.RunTls;
import dev.faultline.upstream.tls.TlsFiles;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The certificate authority of a test's TLS upstreams, as {@code faultline run} makes one per run: its files
 * (the {@code ${ca.*}} of a scenario) in a temporary folder that {@link #close} removes.
 */
final class SessionTls implements AutoCloseable {
    final RunTls tls;
    final TlsFiles files;
    private final Path dir;

    private SessionTls(RunTls tls, TlsFiles files, Path dir) {
        this.tls = tls;
        this.files = files;
        this.dir = dir;
    }

    static SessionTls create() {
        try {
            Path dir = Files.createTempDirectory("faultline-tls-");
            RunTls tls = RunTls.create();
            return new SessionTls(tls, tls.writeTo(dir), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test's TLS files to a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Trusts the authority and presents its client certificate when an upstream asks for one (mTLS). */
    SSLContext sslContext() {
        try {
            char[] password = files.truststorePassword().toCharArray();
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(files.truststore(), password));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(files.clientKeystore(), password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build an SSLContext from the test's TLS files in " + dir + ": " + e, e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder of public certificates is harmless; the authority's key was never written
        }
    }
}
