package dev.signstream.schemas;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A Kafka client properties file, as Kafka's own tools read {@code --command-config}: standard
 * client keys ({@code security.protocol}, {@code sasl.jaas.config}, {@code ssl.truststore.location},
 * ...), optionally {@code bootstrap.servers}, and the registry's credentials (see
 * {@link RegistryAuth}).
 */
final class ClientConfigFile {

    private ClientConfigFile() {
    }

    /** The file's settings, trimmed; fails naming the file when it cannot be read. */
    static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("client config file " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException("client config file " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            settings.put(key.trim(), props.getProperty(key).trim());
        }
        return settings;
    }
}
