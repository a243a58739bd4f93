package dev.signstream.schemas;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where and how every role talks to Kafka and the registry, parsed once at start-up.
 *
 * <p>Values given explicitly (the command line's) win over a client properties file (like the Kafka
 * tools' command config), which wins over environment variables. {@code KAFKA_*} variables pass
 * straight into the Kafka client configs: {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes
 * {@code security.protocol}; the file's keys are the client settings themselves. A variable or key
 * that names no client setting, or whose value does not parse, fails start-up with a message that
 * names it (never with a secret's value). The registry's credentials come from the same places
 * ({@link RegistryAuth}) and go to every serde.
 *
 * @param bootstrapServers the {@code bootstrap.servers} value
 * @param registryUrl Apicurio's native API URL
 * @param clientProperties further client settings from the file and {@code KAFKA_*} variables
 * @param topics topic names
 * @param registryProperties {@code apicurio.registry.*} settings for the serdes (credentials, TLS)
 */
public record KafkaSettings(String bootstrapServers, String registryUrl, Map<String, String> clientProperties,
                            TopicNames topics, Map<String, String> registryProperties) {

    /** Environment variable of the registry URL. */
    public static final String REGISTRY_ENV = "SIGNSTREAM_REGISTRY_URL";
    /** Environment variable of the topic name prefix. */
    public static final String TOPIC_PREFIX_ENV = "SIGNSTREAM_TOPIC_PREFIX";
    private static final String KAFKA_PREFIX = "KAFKA_";
    private static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** Variables the Kafka scripts read for the JVM, not client settings. */
    private static final Pattern SCRIPT_VARIABLE = Pattern.compile("KAFKA_(HOME|DEBUG|[A-Z0-9_]*_OPTS)");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
        registryProperties = Map.copyOf(registryProperties);
    }

    /** Settings without registry credentials. */
    public KafkaSettings(String bootstrapServers, String registryUrl, Map<String, String> clientProperties,
                         TopicNames topics) {
        this(bootstrapServers, registryUrl, clientProperties, topics, Map.of());
    }

    /** The same cluster, registry and credentials with other topic names. */
    public KafkaSettings withTopics(TopicNames names) {
        return new KafkaSettings(bootstrapServers, registryUrl, clientProperties, names, registryProperties);
    }

    /**
     * Parses the settings.
     *
     * @param env environment variables (normally {@code System.getenv()})
     * @param givenBootstrap the bootstrap servers given explicitly, or empty
     * @param givenRegistry the registry URL given explicitly, or empty
     * @param clientConfigs the config definitions of the clients this role runs (producer,
     *     consumer, admin, streams): every {@code KAFKA_*} variable must name one of their settings
     * @throws InvalidSettingException naming the missing or malformed setting
     */
    public static KafkaSettings parse(Map<String, String> env, Optional<String> givenBootstrap,
                                      Optional<String> givenRegistry, Collection<ConfigDef> clientConfigs) {
        return parse(env, givenBootstrap, givenRegistry, Optional.empty(), clientConfigs);
    }

    /**
     * Parses the settings, with a client properties file.
     *
     * @param env environment variables (normally {@code System.getenv()})
     * @param givenBootstrap the bootstrap servers given explicitly, or empty
     * @param givenRegistry the registry URL given explicitly, or empty
     * @param clientConfigFile a client properties file, or empty
     * @param clientConfigs the config definitions of the clients this role runs
     * @throws InvalidSettingException naming the missing or malformed setting
     */
    public static KafkaSettings parse(Map<String, String> env, Optional<String> givenBootstrap,
                                      Optional<String> givenRegistry, Optional<Path> clientConfigFile,
                                      Collection<ConfigDef> clientConfigs) {
        Map<String, String> file = clientConfigFile.map(ClientConfigFile::read).orElse(Map.of());
        String fileName = clientConfigFile.map(f -> "client config file " + f).orElse("");
        String bootstrapSource = givenBootstrap.filter(s -> !s.isBlank()).isPresent() ? "the bootstrap servers given"
                : file.containsKey("bootstrap.servers") ? fileName + " (bootstrap.servers)" : BOOTSTRAP_ENV;
        String bootstrap = givenBootstrap.filter(s -> !s.isBlank())
                .orElse(file.getOrDefault("bootstrap.servers", env.get(BOOTSTRAP_ENV)));
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new InvalidSettingException("no Kafka cluster given: give the bootstrap servers"
                    + " (host:port[,host:port...]) or set " + BOOTSTRAP_ENV);
        }
        for (String server : bootstrap.split(",")) {
            if (!HOST_PORT.matcher(server.trim()).matches()) {
                throw new InvalidSettingException("malformed bootstrap server '" + server.trim()
                        + "' in " + bootstrapSource + ": expected host:port");
            }
        }
        String registry = givenRegistry.filter(s -> !s.isBlank()).orElse(env.get(REGISTRY_ENV));
        if (registry == null || registry.isBlank()) {
            throw new InvalidSettingException("no schema registry given: give the registry URL"
                    + " (e.g. http://localhost:8080/apis/registry/v2) or set " + REGISTRY_ENV);
        }
        checkUrl(registry, givenRegistry.isPresent() ? "registry URL '" + registry + "'"
                : REGISTRY_ENV + "='" + registry + "'");

        Map<String, String> client = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(KAFKA_PREFIX) || e.getKey().equals(BOOTSTRAP_ENV)
                    || SCRIPT_VARIABLE.matcher(e.getKey()).matches()) {
                continue;
            }
            String property = e.getKey().substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            validate(e.getKey(), property, e.getValue(), clientConfigs);
            client.put(property, e.getValue());
        }
        Map<String, String> registryKeys = new TreeMap<>();
        for (Map.Entry<String, String> e : file.entrySet()) {
            if (e.getKey().equals("bootstrap.servers")) {
                continue;
            }
            if (RegistryAuth.isRegistryKey(e.getKey())) {
                registryKeys.put(e.getKey(), e.getValue());
                continue;
            }
            validate(fileName + ": " + e.getKey(), e.getKey(), e.getValue(), clientConfigs);
            client.put(e.getKey(), e.getValue());
        }
        Map<String, String> registryProperties = RegistryAuth.parse(env, registryKeys, fileName);
        String prefix = env.getOrDefault(TOPIC_PREFIX_ENV, TopicNames.DEFAULT_PREFIX);
        TopicNames topics;
        try {
            topics = TopicNames.withPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(TOPIC_PREFIX_ENV + "='" + prefix + "': " + e.getMessage());
        }
        return new KafkaSettings(bootstrap, registry, client, topics, registryProperties);
    }

    /** Checks a URL; {@code named} is how messages show it and where it came from. */
    private static void checkUrl(String url, String named) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(named + ": expected an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(named + ": " + e.getMessage());
        }
    }

    private static void validate(String variable, String property, String value, Collection<ConfigDef> defs) {
        for (ConfigDef def : defs) {
            ConfigDef.ConfigKey key = def.configKeys().get(property);
            if (key != null) {
                try {
                    Object parsed = ConfigDef.parseType(property, value, key.type);
                    if (key.validator != null) {
                        key.validator.ensureValid(property, parsed);
                    }
                } catch (ConfigException e) {
                    boolean secret = key.type == ConfigDef.Type.PASSWORD || Secrets.isSecret(property);
                    throw new InvalidSettingException(variable + (secret ? " (value hidden): is malformed"
                            : "='" + value + "': " + e.getMessage()));
                }
                return;
            }
        }
        throw new InvalidSettingException(variable + " names no Kafka client setting ('" + property
                + "'); remove it or fix its name");
    }

    /** The settings for messages and logs: every secret hidden. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", registryUrl=" + registryUrl
                + ", clientProperties=" + Secrets.masked(clientProperties) + ", topics=" + topics
                + ", registryProperties=" + Secrets.masked(registryProperties) + "]";
    }

    /** The Kafka user these settings log in as ({@code sasl.jaas.config}'s username), if any. */
    public Optional<String> principalName() {
        String jaas = clientProperties.get("sasl.jaas.config");
        if (jaas == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"").matcher(jaas);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Client settings for any client: bootstrap servers plus the {@code KAFKA_*} pass-through. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new TreeMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /**
     * {@link #clientConfig()} without the settings an admin client does not know (a producer's or
     * a consumer's), which it would otherwise log as unknown.
     */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new TreeMap<>();
        clientConfig().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }
}
