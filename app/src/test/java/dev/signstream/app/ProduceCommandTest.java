package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.media.Mp4Settings;
import dev.signstream.media.Mp4Writer;
import dev.signstream.media.RgbFrame;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class ProduceCommandTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SignStream.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run produce(KafkaStack stack, String prefix, String... args) {
        List<String> all = new ArrayList<>(List.of("produce", "--bootstrap-servers", stack.bootstrapServers(),
                "--registry-url", stack.registryUrl(), "--topic-prefix", prefix, "--partitions", "1"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private Path video(int frames) {
        Path file = dir.resolve("clip.mp4");
        try (Mp4Writer writer = Mp4Writer.open(file, 320, 240, Mp4Settings.of(30, 3))) {
            for (int i = 0; i < frames; i++) {
                writer.write(new RgbFrame(320, 240));
            }
        }
        return file;
    }

    @Test
    void aFileIsProducedAndTheCommandSumsItUp(KafkaStack stack) {
        Path file = video(30);
        String prefix = "produce-cmd-" + UUID.randomUUID() + ".";

        Run result = assertTimeoutPreemptively(LIMIT, () -> produce(stack, prefix, "--source", "file:" + file,
                "--session", "cmd-1", "--status-interval", "0s"));

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        assertThat(result.err()).contains("Producing 1 session(s) (cmd-1) from file:" + file + " to " + prefix + "frames");
        assertThat(result.out()).contains("Produced 15 frames in 2 chunks for 1 session(s)").contains("dropped 0");
        assertThat(keysIn(stack, prefix + "frames")).containsExactly("cmd-1", "cmd-1");
    }

    private static List<String> keysIn(KafkaStack stack, String topic) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "produce-cmd-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (keys.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }

    @Test
    void unreadableSourcesExitNonZeroWithOneClearLineAndNoHang(KafkaStack stack) throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 7});
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String prefix = "produce-bad-" + UUID.randomUUID() + ".";
        String[][] cases = {
            {"file:" + dir.resolve("missing.mp4"), "signstream produce failed: video file " + dir.resolve("missing.mp4") + " does not exist"},
            {"file:" + garbage, "signstream produce failed: cannot open video file " + garbage + ": "},
            {"device:/dev/video-signstream-none", "signstream produce failed: video device /dev/video-signstream-none does not exist"},
            {"url:http://127.0.0.1:" + deadPort + "/live.m3u8", "signstream produce failed: cannot open stream http://127.0.0.1:"
                    + deadPort + "/live.m3u8: Connection refused"},
        };
        for (String[] c : cases) {
            Run result = assertTimeoutPreemptively(LIMIT, () -> produce(stack, prefix, "--source", c[0], "--session", "bad",
                    "--open-timeout", "2s"));

            assertThat(result.exitCode()).as("exit code for %s", c[0]).isEqualTo(1);
            assertThat(result.err()).as("stderr for %s", c[0]).startsWith(c[1]);
            assertThat(result.err().strip().lines()).as("one line for %s", c[0]).hasSize(1);
        }
    }

    @Test
    void aTruncatedFileEndsWithHowFarItGotAndANonZeroExit(KafkaStack stack) throws Exception {
        // Given a 5 s faststart MP4 cut mid-data, as `head -c` or an interrupted copy leaves it
        Path file = dir.resolve("cut.mp4");
        try (Mp4Writer writer = Mp4Writer.open(file, 320, 240, Mp4Settings.of(15, 3).withFaststart())) {
            for (int i = 0; i < 75; i++) {
                RgbFrame frame = new RgbFrame(320, 240);
                java.util.Arrays.fill(frame.pixels(), (byte) (i * 3));
                writer.write(frame);
            }
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) / 2);
        }
        String prefix = "produce-cut-" + UUID.randomUUID() + ".";

        Run result = assertTimeoutPreemptively(LIMIT, () -> produce(stack, prefix, "--source", "file:" + file,
                "--session", "cut", "--status-interval", "0s"));

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isEqualTo(1);
        assertThat(result.err()).contains("signstream produce failed: video file " + file
                + " is truncated: its video stops at ").contains("of the 5.00 s it declares (").contains(" of 75 frames)");
        assertThat(result.err()).doesNotContain("setFormat");
    }

    @Test
    void aSyntheticSourceNeedsNoSessionIdItGetsOne(KafkaStack stack) {
        String prefix = "produce-ids-" + UUID.randomUUID() + ".";

        Run result = assertTimeoutPreemptively(LIMIT, () -> produce(stack, prefix, "--source", "synthetic",
                "--sessions", "2", "--sentences", "1", "--status-interval", "0s"));

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile(
                "Producing 2 session\\(s\\) \\((synthetic-[0-9a-f]{8})-0000 \\.\\.\\. \\1-0001\\)").matcher(result.err());
        assertThat(ids.find()).as("stderr: %s", result.err()).isTrue();
        assertThat(keysIn(stack, prefix + "frames")).allMatch(key -> key.startsWith(ids.group(1) + "-000"));
    }

    @Test
    void badFlagsAreConfigurationErrors() {
        Run fps = run("produce", "--source", "synthetic", "--session", "x", "--fps", "0",
                "--bootstrap-servers", "localhost:9092", "--registry-url", "http://localhost:8080/apis/registry/v2");
        assertThat(fps.exitCode()).isEqualTo(2);
        assertThat(fps.err()).isEqualTo("signstream produce: --fps: fps must be in (0, 60], got 0.0" + System.lineSeparator());

        Run device = run("produce", "--source", "device:/dev/video0", "--session", "x", "--sessions", "3",
                "--bootstrap-servers", "localhost:9092", "--registry-url", "http://localhost:8080/apis/registry/v2");
        assertThat(device.exitCode()).isEqualTo(2);
        assertThat(device.err()).contains("run one producer per camera");

        Run source = run("produce", "--source", "webcam", "--session", "x");
        assertThat(source.exitCode()).isEqualTo(2);
        assertThat(source.err()).contains("signstream produce: --source: source 'webcam' is not understood");
    }
}
