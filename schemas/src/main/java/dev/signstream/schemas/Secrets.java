package dev.signstream.schemas;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which settings hold secrets (passwords, JAAS lines with credentials, client secrets, tokens), so
 * that nothing prints or logs their values.
 */
public final class Secrets {

    /** What is shown instead of a secret value. */
    public static final String HIDDEN = "[hidden]";

    private Secrets() {
    }

    /** True for a setting whose value must never be printed. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("user.info")
                || k.contains("token") || k.endsWith(".key") || k.contains("keystore.key");
    }

    /** A copy of the settings with every secret value replaced by {@value #HIDDEN}, for messages and logs. */
    public static Map<String, Object> masked(Map<String, ?> settings) {
        Map<String, Object> copy = new TreeMap<>();
        settings.forEach((key, value) -> copy.put(key, isSecret(key) ? HIDDEN : value));
        return copy;
    }

    /** The value as a message may show it: itself, or {@value #HIDDEN} for a secret. */
    public static String shown(String key, String value) {
        return isSecret(key) ? HIDDEN : value;
    }
}
