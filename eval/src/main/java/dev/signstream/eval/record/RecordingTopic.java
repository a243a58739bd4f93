package dev.signstream.eval.record;

import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic a recording goes to. Unlike the live frames topic (kept an hour, since frames are video
 * of people) a recording is an explicit, separate topic kept long enough to evaluate models on it
 * again and again: 30 days unless told otherwise, or forever.
 */
public final class RecordingTopic {

    /** How long a recording is kept unless told otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** Shorter than this, a recording would vanish before anyone evaluates on it. */
    public static final Duration MIN_RETENTION = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(RecordingTopic.class);

    private RecordingTopic() {
    }

    /**
     * Creates the topic if it is missing (with the retention and the frames topic's record size
     * limit) or checks an existing one, and returns its {@code max.message.bytes}.
     *
     * @param retention how long records are kept; empty keeps them forever
     * @throws IllegalArgumentException when an existing topic keeps records less than a day
     */
    public static int ensure(Admin admin, String topic, int partitions, short replicationFactor,
                             Optional<Duration> retention, Duration timeout) {
        long retentionMs = retention.map(Duration::toMillis).orElse(-1L);
        NewTopic wanted = new NewTopic(topic, Optional.of(partitions), Optional.of(replicationFactor)).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicProvisioner.FRAMES_MAX_MESSAGE_BYTES)));
        TopicProvisioner.ensure(admin, List.of(wanted), timeout);
        Config config = describe(admin, topic, timeout);
        long actual = Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
        if (actual >= 0 && actual < MIN_RETENTION.toMillis()) {
            throw new IllegalArgumentException("topic " + topic + " keeps records only " + Duration.ofMillis(actual)
                    + "; record into a separate topic kept at least a day (e.g. signstream.recordings.test)");
        }
        if (actual != retentionMs) {
            LOG.warn("topic {} already exists with retention.ms={} (asked for {}); it is left as it is", topic, actual,
                    retentionMs);
        }
        return Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
    }

    private static Config describe(Admin admin, String topic, Duration timeout) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the settings of topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the settings of topic " + topic + ": "
                    + DeadLetters.describe(e), e);
        }
    }
}
