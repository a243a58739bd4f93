package dev.signstream.embedded.secure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one secure embedded broker: an EC P-256 key (fast to make, taken
 * by Java, librdkafka and Python clients alike) that signs the broker's server certificate and the
 * roles' client certificates for mutual TLS. Its private key never leaves memory: nothing can be
 * signed with it once the broker stops.
 */
public final class CertificateAuthority {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final SecureRandom random;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate, SecureRandom random) {
        this.keys = keys;
        this.certificate = certificate;
        this.random = random;
    }

    /** A key pair and a certificate signed by a CA: what a keystore holds. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {

        /** A PKCS12 keystore with the key under alias {@code key} and its chain, written owner-only. */
        public void writePkcs12(Path file, char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("key", keys.getPrivate(), password, new Certificate[] {certificate, issuer});
                try (OutputStream out = OwnerOnlyFiles.create(file)) {
                    store.store(out, password);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build a PKCS12 keystore", e);
            }
        }
    }

    /** Creates a CA named {@code CN=<name>}. */
    public static CertificateAuthority create(String name) {
        SecureRandom random = new SecureRandom();
        KeyPair keys = keyPair(random);
        X500Name subject = new X500Name("CN=" + name);
        X509Certificate cert = sign(subject, keys, subject, keys, random, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
        return new CertificateAuthority(keys, cert, random);
    }

    /**
     * Issues a certificate for a server (with the names and addresses clients check) or a client
     * (mutual TLS: the common name becomes the Kafka principal).
     *
     * @param commonName the subject's {@code CN}
     * @param dnsNames DNS names for a server certificate, may be empty
     * @param ipAddresses IP addresses for a server certificate, may be empty
     */
    public Issued issue(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        KeyPair subjectKeys = keyPair(random);
        X500Name subject = new X500Name("CN=" + commonName + ",OU=signstream");
        X509Certificate cert = sign(subject, subjectKeys, new X500Name(certificate.getSubjectX500Principal().getName()),
                keys, random, builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                    List<GeneralName> names = new ArrayList<>();
                    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
                    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
                    if (!names.isEmpty()) {
                        builder.addExtension(Extension.subjectAlternativeName, false,
                                new GeneralNames(names.toArray(GeneralName[]::new)));
                    }
                });
        return new Issued(subjectKeys, cert, certificate);
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate in PEM, for clients that trust it ({@code ssl.truststore.type=PEM}, librdkafka, Python). */
    public void writeCertificatePem(Path file) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        SecureRandom random, Extensions extensions) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).abs()
                    .add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
                    subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            extensions.add(builder);
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate for " + subject, e);
        }
    }

    private static KeyPair keyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JVM", e);
        }
    }
}
