package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.embedded.secure.Role;
import dev.signstream.embedded.secure.SecureCredentials;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.ProcessorService;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.sink.CaptionSink;
import dev.signstream.sink.SinkSettings;
import dev.signstream.sink.access.CaptionTokens;
import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.sentence.SentenceSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every role on the secured embedded broker with its own credentials, and what the credentials of
 * one role may not do: refused within 15 s with a message naming the topic, never a hang.
 */
class SecureRolesTest {

    private static final String MODEL = "../models/ksl-synth-small";
    private static final Duration REFUSAL_LIMIT = Duration.ofSeconds(15);

    @TempDir
    static Path temp;
    private static EmbeddedKafkaStack stack;
    private static SecureCredentials credentials;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedKafkaStack.start(EmbeddedKafkaStack.Options.secure(temp.resolve("credentials")));
        credentials = stack.credentials().orElseThrow();
        // the standard topics, as the admin creates them (signstream broker --secure does the same)
        KafkaSettings admin = settings(Role.ADMIN);
        try (Admin client = Admin.create(admin.adminConfig())) {
            dev.signstream.schemas.TopicProvisioner.ensure(client,
                    dev.signstream.schemas.TopicProvisioner.standardTopics(admin.topics(), 2, (short) 1), Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private record Run(int exitCode, String out, String err, Duration took) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = SignStream.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        long started = System.nanoTime();
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static String[] as(Role role, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--client-config", credentials.properties(role).toString(), "--registry-url", stack.registryUrl()));
        return all.toArray(String[]::new);
    }

    private static KafkaSettings settings(Role role) {
        return KafkaSettings.parse(Map.of(), Optional.empty(), Optional.of(stack.registryUrl()),
                Optional.of(credentials.properties(role)), KafkaOptions.STREAMS_CLIENTS);
    }

    @Test
    void theAclsCommandPrintsAndAppliesTheSameAclsAsTheSecureBroker() {
        Run printed = run("acls");
        assertThat(printed.exitCode()).isZero();
        assertThat(printed.out()).contains("--allow-principal User:producer --operation write --topic 'signstream.frames'")
                .contains("--allow-principal User:processor --operation write --transactional-id 'signstream-processor-'"
                        + " --resource-pattern-type prefixed")
                .doesNotContain("User:producer --operation read");
        Run applied = run(as(Role.ADMIN, "acls", "--apply", "--create-topics", "--replication-factor", "1"));
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("ACL bindings").contains("exist");
        Run refused = run(as(Role.SINK, "acls", "--apply"));
        assertThat(refused.exitCode()).isNotZero();
    }

    @Test
    void theProducersCredentialsCannotReadWords() {
        Run sink = run(as(Role.PRODUCER, "sink", "--http-port", "0"));
        assertThat(sink.exitCode()).as(sink.err()).isNotZero();
        assertThat(sink.took()).isLessThan(REFUSAL_LIMIT);
        assertThat(sink.err()).contains("user 'producer' is not authorized").contains("signstream.words");
    }

    @Test
    void theProducersCredentialsCannotWriteWords() {
        Run record = run(as(Role.PRODUCER, "record", "--out-topic", "signstream.words", "--synthetic", "1",
                "--sentences", "1", "--model", MODEL));
        assertThat(record.exitCode()).as(record.err()).isNotZero();
        assertThat(record.took()).isLessThan(REFUSAL_LIMIT);
        assertThat(record.err()).contains("user 'producer' is not authorized").contains("WRITE").contains("signstream.words");
    }

    @Test
    void mutualTlsIsTheAlternativeToScramWithTheSameAcls() {
        String[] recorder = {"--client-config", credentials.mtlsProperties(Role.RECORDER).toString(), "--registry-url",
            stack.registryUrl()};
        Run record = run(concat(new String[] {"record", "--out-topic", "signstream.recordings.mtls", "--synthetic", "1",
            "--sentences", "1", "--model", MODEL, "--partitions", "1"}, recorder));
        assertThat(record.exitCode()).as(record.err()).isZero();
        String[] producer = {"--client-config", credentials.mtlsProperties(Role.PRODUCER).toString(), "--registry-url",
            stack.registryUrl()};
        Run refused = run(concat(new String[] {"record", "--out-topic", "signstream.words", "--synthetic", "1",
            "--model", MODEL}, producer));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.took()).isLessThan(REFUSAL_LIMIT);
        assertThat(refused.err()).contains("not authorized").contains("signstream.words");
    }

    /**
     * A client that is not Java reads the words with the sink's identity: kcat (librdkafka, Debian's
     * {@code kcat} package, which CI installs; elsewhere its absence is reported, not hidden), over
     * mutual TLS with {@code mtls/sink.p12} and {@code ca.pem}. (SCRAM from librdkafka needs 2.6.1 or
     * later against Kafka 4; Debian's kcat has 2.0.2, which Kafka 4 refuses: a librdkafka bug.)
     */
    private static void readWithKcat(String session) throws Exception {
        Optional<Path> kcat = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kcat")).filter(Files::isExecutable).findFirst();
        if (kcat.isEmpty()) {
            assertThat(System.getenv("CI")).as("kcat is required in CI (apt-get install kcat)").isNotEqualTo("true");
            System.out.println("kcat not installed: the librdkafka check did not run (apt-get install kcat)");
            return;
        }
        Map<String, String> sink = SecureCredentials.load(credentials.mtlsProperties(Role.SINK));
        Process process = new ProcessBuilder(kcat.get().toString(), "-C", "-b", sink.get("bootstrap.servers"),
                "-t", "signstream.words", "-o", "beginning", "-e", "-q", "-f", "%k\\n",
                "-X", "security.protocol=SSL", "-X", "ssl.keystore.location=" + sink.get("ssl.keystore.location"),
                "-X", "ssl.keystore.password=" + sink.get("ssl.keystore.password"),
                "-X", "ssl.ca.location=" + credentials.caPem())
                .redirectErrorStream(true).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.destroyForcibly();
        assertThat(done).as("kcat ended: %s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).contains(session);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void anUnauthenticatedClientFailsClearlyWithinFifteenSeconds() {
        Run produce = run("produce", "--source", "synthetic", "--session", "x", "--bootstrap-servers",
                credentials.saslBootstrap(), "--registry-url", stack.registryUrl());
        assertThat(produce.exitCode()).isNotZero();
        assertThat(produce.took()).isLessThan(REFUSAL_LIMIT);
        assertThat(produce.err()).contains("no answer from Kafka at " + credentials.saslBootstrap())
                .contains("security.protocol=PLAINTEXT").contains("client config file");
    }

    @Test
    void aWrongPasswordFailsClearlyWithinFifteenSecondsAndIsNeverPrinted() throws Exception {
        Path wrong = temp.resolve("wrong.properties");
        String text = Files.readString(credentials.properties(Role.SINK));
        String password = text.replaceAll("(?s).*password=\"([^\"]*)\".*", "$1");
        Files.writeString(wrong, text.replace(password, "not-the-password-42"));
        Run sink = run("sink", "--http-port", "0", "--client-config", wrong.toString(), "--registry-url", stack.registryUrl());
        assertThat(sink.exitCode()).isNotZero();
        assertThat(sink.took()).isLessThan(REFUSAL_LIMIT);
        assertThat(sink.err()).contains("refused the credentials of user 'sink'").contains("SCRAM-SHA-512")
                .doesNotContain("not-the-password-42").doesNotContain(password);
    }

    @Test
    void everyRoleWorksWithItsOwnCredentialsAndTheProcessorStaysExactlyOnce() throws Exception {
        // Given cameras that publish with the producer's credentials
        Run produce = run(as(Role.PRODUCER, "produce", "--source", "synthetic", "--session", "secure", "--sentences",
                "2", "--model", MODEL, "--status-interval", "0s"));
        assertThat(produce.exitCode()).as(produce.err()).isZero();

        // When the processor runs with its own credentials (exactly-once: transactions under its ACLs)
        Path state = temp.resolve("state");
        ProcessorService processor = ProcessorService.start(ProcessorOptions.defaults(Path.of(MODEL))
                .withStateDir(state.resolve("processor")).withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1)),
                settings(Role.PROCESSOR), new SimpleMeterRegistry());
        CaptionTokens tokens = new CaptionTokens("a test secret of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
        // (a state directory of its own: Kafka Streams' default one outlives the test's broker)
        CaptionSink sink = CaptionSink.start(settings(Role.SINK), new SinkSettings(SinkSettings.DEFAULT_APPLICATION_ID,
                "127.0.0.1", 0, SentenceSettings.defaults(), SinkSettings.DEFAULT_VIEW_RETENTION,
                Optional.of(state.resolve("sink"))).withAccess(HttpAccess.open().withTokens(tokens)), Lexicon.empty());
        try {
            // Then words come out, readable by a plain Kafka client with nothing but the sink's properties file
            Properties sinkProperties = new Properties();
            try (Reader in = Files.newBufferedReader(credentials.properties(Role.SINK))) {
                sinkProperties.load(in);
            }
            sinkProperties.put("group.id", "signstream-sink");
            sinkProperties.put("auto.offset.reset", "earliest");
            sinkProperties.put("enable.auto.commit", "false");
            sinkProperties.put("isolation.level", "read_committed");
            List<WordEvent> words = new ArrayList<>();
            boolean ended = false;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(sinkProperties, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
                 Deserializer<WordEvent> avro = AvroSerdes.of(settings(Role.SINK)).valueSerde(WordEvent.class).deserializer()) {
                consumer.assign(consumer.partitionsFor("signstream.words").stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList());
                consumer.seekToBeginning(consumer.assignment());
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!ended && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        WordEvent event = avro.deserialize(record.topic(), record.value());
                        ended |= event.getType() == WordEventType.SESSION_END;
                        if (event.getType() == WordEventType.WORD) {
                            words.add(event);
                        }
                    }
                    assertThat(processor.runner().failure()).isEmpty();
                }
            }
            assertThat(ended).as("the session's end read with the sink's credentials").isTrue();
            assertThat(words).as("words read with the sink's credentials").isNotEmpty();
            assertThat(words.stream().map(w -> w.getSessionId() + "#" + w.getWordIndex()).distinct().count())
                    .as("each word once (read_committed)").isEqualTo(words.size());
            // and by librdkafka (kcat) with the sink's certificate and ca.pem
            readWithKcat(words.get(0).getSessionId());
            // the processor's output was written in transactions under its own transactional ids
            try (Admin admin = Admin.create(settings(Role.ADMIN).adminConfig())) {
                List<String> transactional = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                        .map(TransactionListing::transactionalId).toList();
                assertThat(transactional).anyMatch(id -> id.startsWith("signstream-processor-"));
                assertThat(transactional).anyMatch(id -> id.startsWith("signstream-sink-"));
            }
            // and the sink serves the session's captions to a token for it
            String session = words.get(0).getSessionId();
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.view().board().snapshot(session).isPresent());
            HttpResponse<String> captions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + sink.httpPort() + "/sessions/" + session))
                    .header("Authorization", "Bearer " + tokens.viewer(session, Duration.ofMinutes(5))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(captions.statusCode()).isEqualTo(200);
        } finally {
            sink.close(Duration.ofSeconds(5));
            processor.close(Duration.ofSeconds(5));
        }

        // The recorder records and replays with its own credentials
        Run record = run(as(Role.RECORDER, "record", "--out-topic", "signstream.recordings.secure", "--synthetic", "1",
                "--sentences", "1", "--model", MODEL, "--partitions", "2"));
        assertThat(record.exitCode()).as(record.err()).isZero();
        Run replay = run(as(Role.RECORDER, "eval", "--frames-topic", "signstream.recordings.secure", "--model", MODEL,
                "--onnx-threads", "1", "--report", temp.resolve("report").toString()));
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("\"sentences\":1").contains("\"dead_letters\":0");
    }
}
