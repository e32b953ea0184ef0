package dev.faultline.upstream.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * A certificate authority that lives for one run: it signs the fake upstreams' server certificates
 * and the target's client certificate. Keys are EC P-256 with ECDSA-SHA256 signatures: a key is made
 * in about a millisecond, and every TLS client in use (OpenSSL, the JDK, Node, Python) accepts them.
 *
 * <p>Certificates are built with BouncyCastle's builders and signed through the JDK's own providers
 * (BouncyCastle is not installed as a provider), because the JDK has no public API to issue one.
 */
public final class CertificateAuthority {
    /** Certificates are valid from a little before now, so a client clock slightly behind still accepts them. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration LIFETIME = Duration.ofDays(2);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final SecureRandom random;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate, SecureRandom random) {
        this.keys = keys;
        this.certificate = certificate;
        this.random = random;
    }

    /** A new self-signed authority named {@code commonName}. */
    public static CertificateAuthority create(String commonName) {
        Objects.requireNonNull(commonName, "commonName");
        SecureRandom random = new SecureRandom();
        KeyPair keys = newKeyPair(random);
        X500Name name = name(commonName);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(LIFETIME)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(builder, keys), random);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create a certificate authority: " + e.getMessage(), e);
        }
    }

    /** The authority's own certificate (what a client trusts). */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A server certificate for {@code hosts} (IP addresses or DNS names), valid from an hour ago for two days.
     */
    public IssuedCertificate issueServer(String commonName, List<String> hosts) {
        Instant now = Instant.now();
        return issueServer(commonName, hosts, now.minus(BACKDATE), now.plus(LIFETIME));
    }

    /** A server certificate for {@code hosts}, valid in {@code [notBefore, notAfter]} (in the past for an expired one). */
    public IssuedCertificate issueServer(String commonName, List<String> hosts, Instant notBefore, Instant notAfter) {
        GeneralName[] names = hosts.stream().map(CertificateAuthority::generalName).toArray(GeneralName[]::new);
        return issue(commonName, notBefore, notAfter, KeyPurposeId.id_kp_serverAuth, new GeneralNames(names));
    }

    /** A client certificate (for mTLS), valid from an hour ago for two days. */
    public IssuedCertificate issueClient(String commonName) {
        Instant now = Instant.now();
        return issue(commonName, now.minus(BACKDATE), now.plus(LIFETIME), KeyPurposeId.id_kp_clientAuth, null);
    }

    private IssuedCertificate issue(String commonName, Instant notBefore, Instant notAfter, KeyPurposeId purpose,
                                    GeneralNames subjectAlternativeNames) {
        KeyPair subject = newKeyPair(random);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(notBefore), Date.from(notAfter), name(commonName), subject.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subject.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (subjectAlternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames);
            }
            return new IssuedCertificate(subject.getPrivate(), sign(builder, keys), certificate);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
        try {
            ContentSigner signature = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signature));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static GeneralName generalName(String host) {
        boolean address = host.contains(":") || host.matches("[0-9.]+");
        return new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, host);
    }

    private static X500Name name(String commonName) {
        // Escape what X.500 names treat as syntax, so any upstream name gives a valid subject.
        return new X500Name("CN=" + commonName.replaceAll("([,+=\"\\\\<>;#])", "\\\\$1") + ",O=faultline");
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).add(BigInteger.ONE);
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }
}
