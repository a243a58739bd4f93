package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.junit.ChildJvm;
import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code signstream demo --secure}: every role on its own credentials against the secured broker,
 * words and captions out; and the privacy check of a whole run: its log at INFO holds no caption
 * text, no gloss, no frame or JPEG bytes and no secret.
 */
class SecureDemoTest {

    private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");

    @Test
    void theSecureDemoProducesWordsAndCaptionsAndItsLogsHoldNoCaptionsFramesOrSecrets() throws Exception {
        Path out = Files.createTempFile("secure-demo-", ".out");
        Path log = Files.createTempFile("secure-demo-", ".log");
        // the application's own logging (INFO, to stderr), not the test classpath's logback-test.xml
        Process demo = new ProcessBuilder(ChildJvm.command(List.of("-Xmx1g", "-Dai.djl.offline=true",
                        "-Dlogback.configurationFile=logback.xml"), SignStream.class,
                List.of("demo", "--secure", "--sessions", "2", "--duration", "45s", "--http-port", "0", "--quiet",
                        "--model", "../models/ksl-synth-small")))
                .redirectOutput(out.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            assertThat(demo.waitFor(240, TimeUnit.SECONDS)).as("the demo ended").isTrue();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            String logs = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertThat(demo.exitValue()).as("stdout: %s%nstderr: %s", output, logs).isZero();

            // Then words were recognised and captions built, each role on its own credentials
            List<String> lines = output.lines().toList();
            JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
            assertThat(summary.get("words").asInt()).as("summary: %s", output).isPositive();
            assertThat(output).contains("(SASL_SSL); each role logs in with its own file");
            assertThat(output).containsPattern("/overlay\\?session=demo-0000&token=[\\w-]+\\.[\\w-]+\\.[\\w-]+");
            assertThat(output).contains("Session list: curl -H 'Authorization: Bearer ");
            // the recognised glosses were shown in the summary: the captions existed
            assertThat(output).containsPattern("heard: +\\S+");

            // and the log of the whole run (INFO) holds no caption text or gloss, no frame bytes, no secret
            String utf8Logs = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(HANGUL.matcher(utf8Logs).find()).as("Korean text in the log:%n%s", utf8Logs).isFalse();
            for (Sentence sentence : Sentences.standard().all()) {
                assertThat(utf8Logs).doesNotContain(sentence.text());
            }
            assertThat(logs).doesNotContain("\u00ff\u00d8\u00ff").doesNotContain("/9j/").doesNotContain("JFIF");
            assertThat(utf8Logs).doesNotContain("password=").doesNotContain("ScramLoginModule required username");
            assertThat(utf8Logs).contains("INFO"); // the log was written at INFO, so the check means something
        } finally {
            demo.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }
}
