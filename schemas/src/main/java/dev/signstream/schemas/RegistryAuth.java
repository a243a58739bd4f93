package dev.signstream.schemas;

import java.util.Map;
import java.util.TreeMap;

/**
 * Credentials for the schema registry, handed to every serde: HTTP basic auth, or OAuth2 client
 * credentials (the serde fetches a bearer token from the token endpoint and sends it with each
 * call). They come from the environment or from the client properties file, so one file holds all
 * of a role's credentials:
 *
 * <ul>
 *   <li>{@code SIGNSTREAM_REGISTRY_USERNAME} + {@code SIGNSTREAM_REGISTRY_PASSWORD}, or in the file
 *       {@code basic.auth.user.info=USER:PASSWORD} (the key Confluent's serdes read) or the
 *       serde's own {@code apicurio.registry.auth.username} / {@code ...password};</li>
 *   <li>{@code SIGNSTREAM_REGISTRY_TOKEN_ENDPOINT} + {@code SIGNSTREAM_REGISTRY_CLIENT_ID} +
 *       {@code SIGNSTREAM_REGISTRY_CLIENT_SECRET} (optional {@code SIGNSTREAM_REGISTRY_CLIENT_SCOPE}),
 *       or the serde's {@code apicurio.registry.auth.service.token.endpoint}, {@code ...client.id},
 *       {@code ...client.secret}, {@code ...client.scope};</li>
 *   <li>any other {@code apicurio.registry.*} key of the file (TLS trust store, ...) as it is.</li>
 * </ul>
 * The file wins over the environment.
 */
final class RegistryAuth {

    static final String USERNAME = "apicurio.registry.auth.username";
    static final String PASSWORD = "apicurio.registry.auth.password";
    static final String TOKEN_ENDPOINT = "apicurio.registry.auth.service.token.endpoint";
    static final String CLIENT_ID = "apicurio.registry.auth.client.id";
    static final String CLIENT_SECRET = "apicurio.registry.auth.client.secret";
    static final String CLIENT_SCOPE = "apicurio.registry.auth.client.scope";
    /** Keys of the file that are the registry's, not Kafka's. */
    static final String APICURIO_PREFIX = "apicurio.registry.";
    static final String USER_INFO = "basic.auth.user.info";
    static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    static final String BEARER_PREFIX = "bearer.auth.";

    private static final Map<String, String> ENV = Map.of(
            "SIGNSTREAM_REGISTRY_USERNAME", USERNAME,
            "SIGNSTREAM_REGISTRY_PASSWORD", PASSWORD,
            "SIGNSTREAM_REGISTRY_TOKEN_ENDPOINT", TOKEN_ENDPOINT,
            "SIGNSTREAM_REGISTRY_CLIENT_ID", CLIENT_ID,
            "SIGNSTREAM_REGISTRY_CLIENT_SECRET", CLIENT_SECRET,
            "SIGNSTREAM_REGISTRY_CLIENT_SCOPE", CLIENT_SCOPE);

    private RegistryAuth() {
    }

    /** True for a key of the client properties file that belongs to the registry. */
    static boolean isRegistryKey(String key) {
        return key.startsWith(APICURIO_PREFIX) || key.equals(USER_INFO) || key.equals(CREDENTIALS_SOURCE)
                || key.startsWith(BEARER_PREFIX);
    }

    /**
     * The serde settings from the environment and the file's registry keys.
     *
     * @param env environment variables
     * @param file the registry keys of the client properties file ({@link #isRegistryKey})
     * @param fileName how messages name the file
     */
    static Map<String, String> parse(Map<String, String> env, Map<String, String> file, String fileName) {
        Map<String, String> config = new TreeMap<>();
        ENV.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                config.put(key, value);
            }
        });
        Map<String, String> fromFile = new TreeMap<>();
        for (Map.Entry<String, String> e : file.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(BEARER_PREFIX)) {
                throw new InvalidSettingException(fileName + ": " + key + " is not supported: the Apicurio serde takes"
                        + " bearer tokens from an OAuth2 token endpoint (" + TOKEN_ENDPOINT + ", " + CLIENT_ID + ", "
                        + CLIENT_SECRET + ")");
            }
            if (key.equals(CREDENTIALS_SOURCE)) {
                if (!"USER_INFO".equals(e.getValue())) {
                    throw new InvalidSettingException(fileName + ": " + CREDENTIALS_SOURCE + "='" + e.getValue()
                            + "': only USER_INFO (with " + USER_INFO + "=USER:PASSWORD) is supported");
                }
            } else if (key.equals(USER_INFO)) {
                int colon = e.getValue().indexOf(':');
                if (colon <= 0) {
                    throw new InvalidSettingException(fileName + ": " + USER_INFO + " must be USER:PASSWORD");
                }
                fromFile.put(USERNAME, e.getValue().substring(0, colon));
                fromFile.put(PASSWORD, e.getValue().substring(colon + 1));
            } else {
                fromFile.put(key, e.getValue());
            }
        }
        if (!fromFile.isEmpty() && (fromFile.containsKey(USERNAME) || fromFile.containsKey(CLIENT_ID))) {
            // the file names one way to log in: do not mix it with another from the environment
            config.keySet().removeIf(key -> key.startsWith("apicurio.registry.auth."));
        }
        config.putAll(fromFile);
        check(config, USERNAME, PASSWORD, "SIGNSTREAM_REGISTRY_USERNAME and SIGNSTREAM_REGISTRY_PASSWORD");
        check(config, CLIENT_ID, CLIENT_SECRET, "SIGNSTREAM_REGISTRY_CLIENT_ID and SIGNSTREAM_REGISTRY_CLIENT_SECRET");
        if (config.containsKey(CLIENT_ID) && !config.containsKey(TOKEN_ENDPOINT)) {
            throw new InvalidSettingException("registry client credentials need a token endpoint:"
                    + " set SIGNSTREAM_REGISTRY_TOKEN_ENDPOINT or " + TOKEN_ENDPOINT);
        }
        if (config.containsKey(USERNAME) && config.containsKey(CLIENT_ID)) {
            throw new InvalidSettingException("give the registry either a username and password or OAuth2 client"
                    + " credentials, not both");
        }
        return config;
    }

    private static void check(Map<String, String> config, String first, String second, String names) {
        if (config.containsKey(first) != config.containsKey(second)) {
            throw new InvalidSettingException("registry credentials are incomplete: give both " + names
                    + " (or " + first + " and " + second + ")");
        }
    }
}
