package dev.signstream.sink.interop;

import static dev.signstream.sink.testing.Words.wordAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.sink.CaptionSink;
import dev.signstream.sink.PrefixedTopics;
import dev.signstream.sink.SinkSettings;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.sentence.SentenceSettings;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One session signed through a real sink (broker, registry, sentence topology, view) and ended;
 * its caption outputs are then read by tools that share no code with SignStream:
 * <ul>
 *   <li>Debian's ffmpeg (5.1) reads the ended session's HLS subtitle playlist
 *       ({@code EXT-X-ENDLIST}) and its WebVTT segments;</li>
 *   <li>the {@code srt} library (python3-srt) parses {@code captions.srt} strictly;</li>
 *   <li>ttconv's IMSC/TTML reader (python3-ttconv) reads {@code captions.ttml} without a warning.</li>
 * </ul>
 * Each reads back the same cues: texts, two-line layout and times. A missing tool skips its test
 * with a message, unless {@code SIGNSTREAM_REQUIRE_CAPTION_TOOLS=1} (CI installs them all).
 */
@WithKafka
class IndependentReadersTest {

    private static final String SESSION = "broadcast-7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LONG = "화장실 학교 친구 오늘 내일 병원 물 나 아프다 만나다 어디";

    /**
     * The cues every reader must find, seconds from the session's first sign: the lexicon's
     * natural text, 16 characters a line, a longer sentence split into two cues that share its
     * signing time by characters (29 of 31, then 2 of 31 stretched to the 1.5 s minimum).
     */
    private static final List<Cue> EXPECTED = List.of(
            new Cue(0.0, 1.5, "물 좀 주세요."),
            new Cue(3.0, 5.0, "안녕하세요,\n만나서 반갑습니다."),
            new Cue(8.0, 15.110, "화장실 학교 친구 오늘 내일\n병원 물 나 아프다 만나다"),
            new Cue(15.110, 16.610, "어디"),
            new Cue(20.0, 22.7, "저는 아파서 병원에 가요."));

    @TempDir
    static Path dir;
    private static CaptionSink sink;

    /** A cue as a reader reports it. */
    private record Cue(double start, double end, String text) {
    }

    @BeforeAll
    static void signAndEndASession(KafkaStack stack) throws Exception {
        PrefixedTopics topics = PrefixedTopics.create(stack, "interop", 1);
        TopicNames names = topics.names();
        KafkaSettings kafka = topics.kafka();
        Path lexicon = Path.of(IndependentReadersTest.class.getResource("/lexicon/sentences.json").toURI());
        sink = CaptionSink.start(kafka, new SinkSettings("interop-" + UUID.randomUUID(), "127.0.0.1", 0,
                SentenceSettings.defaults(), SinkSettings.DEFAULT_VIEW_RETENTION, Optional.of(dir.resolve("state"))),
                Lexicon.read(lexicon, Lexicon.DEFAULT_MAX_DISTANCE));
        assertThat(sink.view().awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        await().atMost(Duration.ofSeconds(90)).until(() -> sink.runner().state() == KafkaStreams.State.RUNNING);

        // The session's capture clock starts on a segment boundary ahead of the wall clock, so
        // no segment is due before the end marker: the ended playlist is the same however fast
        // this machine is.
        long t0Us = ((System.currentTimeMillis() + 120_000) / 6_000 + 1) * 6_000 * 1000;
        List<WordEvent> words = new ArrayList<>();
        String[][] sentences = {{"0", "물", "주세요"}, {"3000", "안녕하세요", "만나다", "반갑다"}, {"8000", LONG},
            {"20000", "나", "아프다", "병원", "가다"}};
        for (String[] sentence : sentences) {
            long at = Long.parseLong(sentence[0]);
            List<String> glosses = sentence.length == 2 ? List.of(sentence[1].split(" "))
                    : List.of(sentence).subList(1, sentence.length);
            for (String gloss : glosses) {
                words.add(wordAt(SESSION, words.size(), gloss, t0Us + at * 1000));
                at += 700;
            }
        }
        words.add(WordEvent.newBuilder(wordAt(SESSION, words.size(), "", t0Us + 25_000_000)).setType(WordEventType.SESSION_END)
                .setLabelId(-1).setGloss("").setConfidence(0f).setLastFrameTimeUs(t0Us + 25_000_000).build());
        try (KafkaProducer<String, WordEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers()), new StringSerializer(),
                new AvroSerdes(stack.registryUrl(), Map.of()).valueSerde(WordEvent.class).serializer())) {
            for (WordEvent word : words) {
                producer.send(new ProducerRecord<>(names.words(), SESSION, word)).get();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> sink.subtitles().playlist(SESSION)
                .map(p -> p.ended()).orElse(false));
    }

    @AfterAll
    static void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + sink.httpPort() + path;
    }

    private static Path download(String path, String file) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Files.write(dir.resolve(file), response.body());
    }

    private static Path script(String name) throws Exception {
        return Path.of(IndependentReadersTest.class.getResource("/interop/" + name).toURI());
    }

    private static void assertCues(List<Cue> cues) {
        assertThat(cues).hasSameSizeAs(EXPECTED);
        for (int i = 0; i < EXPECTED.size(); i++) {
            Cue want = EXPECTED.get(i);
            Cue got = cues.get(i);
            assertThat(got.text()).as("cue %d", i).isEqualTo(want.text());
            assertThat(got.start()).as("start of cue %d", i).isCloseTo(want.start(), org.assertj.core.data.Offset.offset(0.0015));
            assertThat(got.end()).as("end of cue %d", i).isCloseTo(want.end(), org.assertj.core.data.Offset.offset(0.0015));
        }
    }

    @Test
    void ffmpegReadsTheEndedSessionsSubtitlePlaylist() throws Exception {
        ExternalTools.require("ffmpeg", "ffmpeg", "ffmpeg", "-hide_banner", "-version");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url("/sessions/" + SESSION + "/subtitles.m3u8"))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).endsWith("#EXT-X-ENDLIST\n");
        Path out = dir.resolve("from-ffmpeg.vtt");

        ExternalTools.Run run = ExternalTools.run("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                "-i", url("/sessions/" + SESSION + "/subtitles.m3u8"), "-f", "webvtt", "-y", out.toString());

        assertThat(run.exitCode()).as("ffmpeg: %s", run.err()).isZero();
        // ffmpeg reads the segments' local times (from the first segment's start) and drops the
        // repeats of a cue spanning two segments
        assertCues(parseWebVtt(Files.readString(out, StandardCharsets.UTF_8)));
    }

    @Test
    void theSrtLibraryParsesTheSubRipFileStrictly() throws Exception {
        ExternalTools.require("python3-srt", "python3-srt", ExternalTools.PYTHON, "-c", "import srt");
        Path srt = download("/sessions/" + SESSION + "/captions.srt", "captions.srt");

        ExternalTools.Run run = ExternalTools.run(ExternalTools.python(script("read_srt.py"), srt.toString()));

        assertThat(run.exitCode()).as("read_srt.py: %s", run.err()).isZero();
        List<Cue> cues = new ArrayList<>();
        int index = 1;
        for (JsonNode cue : JSON.readTree(run.out())) {
            assertThat(cue.get("index").asInt()).isEqualTo(index++);
            cues.add(new Cue(cue.get("start").asDouble(), cue.get("end").asDouble(), cue.get("text").asText()));
        }
        assertCues(cues);
    }

    @Test
    void ttconvReadsTheEbuTtDDocumentWithoutAWarning() throws Exception {
        ExternalTools.require("python3-ttconv", "python3-ttconv", ExternalTools.PYTHON, "-c", "import ttconv.imsc.reader");
        Path ttml = download("/sessions/" + SESSION + "/captions.ttml", "captions.ttml");

        ExternalTools.Run run = ExternalTools.run(ExternalTools.python(script("read_ttml.py"), ttml.toString()));

        assertThat(run.exitCode()).as("read_ttml.py: %s", run.err()).isZero();
        JsonNode document = JSON.readTree(run.out());
        assertThat(document.get("lang").asText()).isEqualTo("ko");
        List<Cue> cues = new ArrayList<>();
        for (JsonNode p : document.get("paragraphs")) {
            cues.add(new Cue(p.get("start").asDouble(), p.get("end").asDouble(), p.get("text").asText()));
        }
        assertCues(cues);
    }

    private static final Pattern TIMING = Pattern.compile("((?:\\d+:)?\\d\\d:\\d\\d\\.\\d{3}) --> ((?:\\d+:)?\\d\\d:\\d\\d\\.\\d{3})");

    /** The cues of a WebVTT file as ffmpeg writes it (optional hours, no identifiers). */
    private static List<Cue> parseWebVtt(String vtt) {
        List<Cue> cues = new ArrayList<>();
        String[] blocks = vtt.replace("\r\n", "\n").strip().split("\n\n+");
        assertThat(blocks[0]).startsWith("WEBVTT");
        for (int b = 1; b < blocks.length; b++) {
            List<String> lines = List.of(blocks[b].split("\n"));
            int timing = lines.get(0).contains("-->") ? 0 : 1;
            Matcher m = TIMING.matcher(lines.get(timing));
            assertThat(m.find()).as("timing line of %s", blocks[b]).isTrue();
            cues.add(new Cue(seconds(m.group(1)), seconds(m.group(2)), String.join("\n", lines.subList(timing + 1, lines.size()))));
        }
        return cues;
    }

    private static double seconds(String time) {
        String[] parts = time.split(":");
        double total = 0;
        for (String part : parts) {
            total = total * 60 + Double.parseDouble(part);
        }
        return total;
    }
}
