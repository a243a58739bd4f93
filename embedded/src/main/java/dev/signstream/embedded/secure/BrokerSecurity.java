package dev.signstream.embedded.secure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a secure embedded broker needs: its own CA, a server certificate for 127.0.0.1 and
 * localhost, a random SCRAM-SHA-512 password per {@link Role}, and the broker settings that tie
 * them together:
 *
 * <ul>
 *   <li>{@code SASL_SSL} listener: clients log in with SCRAM-SHA-512 over TLS;</li>
 *   <li>{@code SSL} listener with required client certificates (mutual TLS, the alternative to
 *       SCRAM): a certificate's {@code CN} is the user; it also carries the broker's own traffic;</li>
 *   <li>controller listener: mutual TLS on 127.0.0.1;</li>
 *   <li>{@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}; super users
 *       are the broker itself and {@code admin}; every other user gets {@link RoleAcls}.</li>
 * </ul>
 * Key material lives in an owner-only working directory; the passwords only in memory and in the
 * role files written by {@link #writeCredentials}.
 */
public final class BrokerSecurity {

    /** The SASL mechanism. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The broker's own user (mutual TLS). */
    static final String BROKER_USER = "broker";
    /** Kafka's name of the SCRAM login module. */
    static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private final CertificateAuthority ca;
    private final Path workDir;
    private final Path caPem;
    private final Path brokerKeystore;
    private final String brokerStorePassword;
    private final Map<Role, String> passwords;
    private final RoleAcls acls;

    private BrokerSecurity(CertificateAuthority ca, Path workDir, Path caPem, Path brokerKeystore,
                           String brokerStorePassword, Map<Role, String> passwords, RoleAcls acls) {
        this.ca = ca;
        this.workDir = workDir;
        this.caPem = caPem;
        this.brokerKeystore = brokerKeystore;
        this.brokerStorePassword = brokerStorePassword;
        this.passwords = passwords;
        this.acls = acls;
    }

    /**
     * Makes the CA, the broker's keystore and the passwords.
     *
     * @param workDir a private directory for the broker's key material (created owner-only)
     * @param acls the ACLs the roles get
     */
    public static BrokerSecurity create(Path workDir, RoleAcls acls) {
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.create("SignStream embedded broker CA");
        try {
            OwnerOnlyFiles.createDirectory(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        Path caPem = workDir.resolve("ca.pem");
        ca.writeCertificatePem(caPem);
        String storePassword = password(random);
        Path keystore = workDir.resolve("broker.p12");
        ca.issue(BROKER_USER, List.of("localhost"), List.of("127.0.0.1")).writePkcs12(keystore, storePassword.toCharArray());
        Map<Role, String> passwords = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            passwords.put(role, password(random));
        }
        return new BrokerSecurity(ca, workDir, caPem, keystore, storePassword, passwords, acls);
    }

    /** 32 random bytes, base64url: no quote, comma or backslash to escape in JAAS or format arguments. */
    private static String password(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The ACLs the roles get. */
    public RoleAcls acls() {
        return acls;
    }

    /**
     * The broker settings for the three listeners on 127.0.0.1.
     *
     * @param saslPort the SASL_SSL client port
     * @param tlsPort the mutual-TLS client and inter-broker port
     * @param controllerPort the controller port
     */
    public Map<String, String> brokerSettings(int saslPort, int tlsPort, int controllerPort) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listeners", "SASL_SSL://127.0.0.1:" + saslPort + ",SSL://127.0.0.1:" + tlsPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        s.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + saslPort + ",SSL://127.0.0.1:" + tlsPort);
        s.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:SSL");
        s.put("inter.broker.listener.name", "SSL");
        s.put("controller.listener.names", "CONTROLLER");
        s.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        s.put("ssl.keystore.type", "PKCS12");
        s.put("ssl.keystore.location", brokerKeystore.toString());
        s.put("ssl.keystore.password", brokerStorePassword);
        s.put("ssl.key.password", brokerStorePassword);
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", caPem.toString());
        s.put("ssl.client.auth", "none");
        s.put("listener.name.ssl.ssl.client.auth", "required");
        s.put("listener.name.controller.ssl.client.auth", "required");
        // a client certificate's CN is the user: CN=sink,OU=signstream -> User:sink
        s.put("ssl.principal.mapping.rules", "RULE:^(?:.*,)?CN=([a-zA-Z0-9._-]+)(?:,.*)?$/$1/,DEFAULT");
        s.put("sasl.enabled.mechanisms", MECHANISM);
        s.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", MECHANISM);
        s.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", SCRAM_MODULE + " required;");
        s.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        s.put("allow.everyone.if.no.acl.found", "false");
        s.put("super.users", "User:" + BROKER_USER + ";User:" + Role.ADMIN.userName());
        return s;
    }

    /** Arguments of {@code kafka-storage format} that add every role's SCRAM credential to the metadata log. */
    public List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        passwords.forEach((role, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + role.userName() + ",password=" + password + "]");
        });
        return args;
    }

    /** Client settings of the broker's own identity (mutual TLS, a super user), for start-up checks and ACLs. */
    public Map<String, Object> brokerClientConfig(String tlsBootstrap) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", tlsBootstrap);
        c.put("security.protocol", "SSL");
        c.put("ssl.keystore.type", "PKCS12");
        c.put("ssl.keystore.location", brokerKeystore.toString());
        c.put("ssl.keystore.password", brokerStorePassword);
        c.put("ssl.key.password", brokerStorePassword);
        c.put("ssl.truststore.type", "PEM");
        c.put("ssl.truststore.location", caPem.toString());
        return c;
    }

    /** A role's SCRAM client settings (standard Kafka client keys only). */
    Map<String, String> scramClientSettings(Role role, String saslBootstrap, Path caFile) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", saslBootstrap);
        c.put("security.protocol", "SASL_SSL");
        c.put("sasl.mechanism", MECHANISM);
        c.put("sasl.jaas.config", SCRAM_MODULE + " required username=\"" + role.userName() + "\" password=\""
                + passwords.get(role) + "\";");
        c.put("ssl.truststore.type", "PEM");
        c.put("ssl.truststore.location", caFile.toAbsolutePath().toString());
        return c;
    }

    /**
     * Writes the credentials directory: per role {@code <role>.properties} (SASL_SSL + SCRAM) and
     * {@code mtls/<role>.properties} with {@code mtls/<role>.p12} (mutual TLS), and {@code ca.pem}.
     */
    public SecureCredentials writeCredentials(Path dir, String saslBootstrap, String tlsBootstrap) {
        return SecureCredentials.write(this, ca, dir, saslBootstrap, tlsBootstrap);
    }

    /** Where the broker's key material lives. */
    public Path workDir() {
        return workDir;
    }
}
