package dev.signstream.sink.browser;

import static dev.signstream.sink.testing.Words.wordAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.HeadlessChromium;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.sink.CaptionSink;
import dev.signstream.sink.PrefixedTopics;
import dev.signstream.sink.SinkSettings;
import dev.signstream.sink.format.LayoutRules;
import dev.signstream.sink.hls.HlsSettings;
import dev.signstream.sink.hls.Timeline;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.sentence.SentenceSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real player reads the live subtitle rendition: hls.js 1.7 (vendored, served locally) in
 * headless Chromium plays a programme whose master playlist carries the sink's
 * {@code subtitles.m3u8} as an {@code EXT-X-MEDIA:TYPE=SUBTITLES} rendition, beside a generated
 * H.264 clip whose timestamps run on the capture clock. A session signs three sentences in real
 * time; the cues reach the video's text track with their text and with times that line up with
 * the picture (capture time - the clip's start), including a sentence signed while the player
 * already runs, and the cue is active when the video plays at its time. Skipped only when no
 * Chromium is installed (Debian: {@code apt-get install chromium fonts-nanum}).
 */
@WithKafka
class HlsPlayerBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(HlsPlayerBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "programme-1";
    /** Short segments keep the test short; the rules are the same as with the default 6 s. */
    private static final Duration SEGMENT = Duration.ofSeconds(2);
    private static final int VIDEO_SECONDS = 30;

    @TempDir
    Path dir;

    /** A sentence's expected cue: text as the track holds it, start and end in seconds of the programme. */
    private record Expected(String text, double start, double end) {
    }

    @Test
    void cuesOfALiveSessionReachTheHlsJsTextTrackWithTheirTextAndProgrammeTimes(KafkaStack stack) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "Chromium not found ($CHROMIUM, or chromium / chromium-browser on the PATH):"
                + " the HLS player test needs Debian's chromium package");

        PrefixedTopics topics = PrefixedTopics.create(stack, "hls", 1);
        TopicNames names = topics.names();
        KafkaSettings kafka = topics.kafka();
        Path lexicon = Path.of(getClass().getResource("/lexicon/sentences.json").toURI());
        // a quiet sentence closes after 2 s without a word (wall clock), the segments are 2 s, and a
        // segment waits up to 3 s past its end + one segment for a sentence still open in it
        SinkSettings settings = new SinkSettings("hls-" + UUID.randomUUID(), "127.0.0.1", 0,
                new SentenceSettings(SentenceSettings.DEFAULT_GAP, SentenceSettings.DEFAULT_GRACE, Duration.ofSeconds(2),
                        SentenceSettings.DEFAULT_SESSION_RETENTION), SinkSettings.DEFAULT_VIEW_RETENTION,
                Optional.of(dir.resolve("state"))).withCaptions(LayoutRules.defaults(),
                new HlsSettings(SEGMENT, 10, Duration.ofSeconds(3), Timeline.captureClock()));

        try (CaptionSink sink = CaptionSink.start(kafka, settings, Lexicon.read(lexicon, Lexicon.DEFAULT_MAX_DISTANCE));
             KafkaProducer<String, WordEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                     "linger.ms", 0), new StringSerializer(),
                     new AvroSerdes(stack.registryUrl(), Map.of()).valueSerde(WordEvent.class).serializer());
             StaticSite site = new StaticSite();
             HeadlessChromium page = HeadlessChromium.start(chromium.get(), dir, 800, 450)) {
            assertThat(sink.runner().awaitRunning(Duration.ofSeconds(90))).isTrue();
            assertThat(sink.view().awaitCaughtUp(Duration.ofSeconds(60))).isTrue();

            // Given a programme starting at T (a segment boundary): a clip stamped on the capture clock
            long tMs = (System.currentTimeMillis() / 2000 + 2) * 2000;
            TestVideo.write(dir.resolve("video.ts"), tMs * 1000, VIDEO_SECONDS);
            String subtitles = "http://127.0.0.1:" + sink.httpPort() + "/sessions/" + SESSION + "/subtitles.m3u8";
            publishProgramme(site, tMs, subtitles);

            // When the session signs two sentences, live
            sign(producer, names, tMs, 0, "물", 500);
            sign(producer, names, tMs, 1, "주세요", 1_200);
            sign(producer, names, tMs, 2, "안녕하세요", 4_000);
            sign(producer, names, tMs, 3, "만나다", 4_700);
            sign(producer, names, tMs, 4, "반갑다", 5_400);
            // ... and a third starts: the second is final, its segments go out
            sign(producer, names, tMs, 5, "나", 8_500);
            awaitSegmentWith(sink, "반갑습니다", Duration.ofSeconds(15));

            // And a viewer opens the programme while the third sentence is being signed
            page.open(site.url("/player.html"));
            sign(producer, names, tMs, 6, "아프다", 9_200);
            sign(producer, names, tMs, 7, "병원", 9_900);
            sign(producer, names, tMs, 8, "가다", 10_600);

            // Then every sentence reaches hls.js's subtitle track, the third through the live playlist
            List<Expected> expected = List.of(
                    new Expected("물 좀 주세요.", 0.5, 2.0),
                    new Expected("안녕하세요,\n만나서 반갑습니다.", 4.0, 6.0),
                    new Expected("저는 아파서 병원에 가요.", 8.5, 11.2));
            JsonNode cues = waitFor(page, "window.subtitleCues()", json -> parse(json).size() >= 3, Duration.ofSeconds(30));
            LOG.info("hls.js text track: {}; player events: {}", cues, page.evaluate("window.playerEvents.join('; ')"));
            assertThat(cues).hasSize(3);
            for (int i = 0; i < expected.size(); i++) {
                JsonNode cue = cues.get(i);
                Expected want = expected.get(i);
                assertThat(cue.get("text").asText()).isEqualTo(want.text());
                // the capture time of the sign, on the picture's timeline (the clip starts at T)
                assertThat(cue.get("start").asDouble()).as("start of %s", want.text()).isCloseTo(want.start(),
                        org.assertj.core.data.Offset.offset(0.02));
                assertThat(cue.get("end").asDouble()).as("end of %s", want.text()).isCloseTo(want.end(),
                        org.assertj.core.data.Offset.offset(0.02));
                assertThat(cue.get("mode").asText()).isEqualTo("showing");
            }

            // And playing the programme at the second sentence shows it
            page.evaluate("(function(){const v=document.getElementById('video'); v.currentTime=4.3; v.play(); return 1;})()");
            waitFor(page, "JSON.stringify({t: document.getElementById('video').currentTime,"
                    + " active: window.activeCueText()})", json -> {
                        JsonNode state = parse(json);
                        return state.get("t").asDouble() > 4.5 && state.get("active").asText().contains("만나서 반갑습니다.");
                    }, Duration.ofSeconds(20));
            assertThat(page.evaluate("window.playerEvents.join('; ')")).doesNotContain("FATAL").doesNotContain("FAILED");
            assertThat(page.errors()).isEmpty();

            // And /metrics has both delays (decision -> final caption, -> first segment) of the three
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + sink.httpPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("signstream_sink_decision_to_final_caption_seconds_count 3\n",
                    "signstream_sink_decision_to_segment_seconds_count 3\n",
                    "signstream_sink_decision_to_segment_seconds{quantile=\"0.99\"}",
                    "signstream_sink_decision_to_final_caption_seconds{quantile=\"0.5\"}");
        }
    }

    /** The master playlist (video + the sink's subtitle rendition), the video playlist and clip, hls.js, the page. */
    private void publishProgramme(StaticSite site, long tMs, String subtitles) throws Exception {
        String master = "#EXTM3U\n#EXT-X-VERSION:3\n"
                + "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"한국어\",LANGUAGE=\"ko\",DEFAULT=YES,AUTOSELECT=YES,"
                + "FORCED=NO,URI=\"" + subtitles + "\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=" + TestVideo.WIDTH + "x" + TestVideo.HEIGHT
                + ",SUBTITLES=\"subs\"\nvideo.m3u8\n";
        String video = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + VIDEO_SECONDS + "\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PROGRAM-DATE-TIME:" + Instant.ofEpochMilli(tMs) + "\n"
                + "#EXTINF:" + VIDEO_SECONDS + ".000,\nvideo.ts\n#EXT-X-ENDLIST\n";
        site.put("/master.m3u8", master, "application/vnd.apple.mpegurl")
                .put("/video.m3u8", video, "application/vnd.apple.mpegurl")
                .put("/video.ts", Files.readAllBytes(dir.resolve("video.ts")), "video/mp2t")
                .put("/hls.min.js", resource("/hlsjs/hls.min.js"), "text/javascript")
                .put("/player.html", resource("/dev/signstream/sink/browser/player.html"), "text/html; charset=utf-8")
                .put("/favicon.ico", new byte[0], "image/x-icon");
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = HlsPlayerBrowserTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Sends word {@code index} once its sign (starting {@code startMs} after T) is over, as a live processor would. */
    private static void sign(KafkaProducer<String, WordEvent> producer, TopicNames names, long tMs, int index, String gloss,
                             long startMs) throws Exception {
        WordEvent word = wordAt(SESSION, index, gloss, (tMs + startMs) * 1000);
        long due = word.getLastFrameTimeUs() / 1000 + 200;
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        producer.send(new ProducerRecord<>(names.words(), SESSION, word)).get();
    }

    private static void awaitSegmentWith(CaptionSink sink, String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (long n = 0; n < 10; n++) {
                if (sink.subtitles().segment(SESSION, n).map(s -> s.vtt().contains(text)).orElse(false)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no subtitle segment with '" + text + "' within " + within.toSeconds() + " s: "
                + sink.subtitles().playlist(SESSION).map(p -> p.m3u8()).orElse("no playlist"));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonNode waitFor(HeadlessChromium page, String expression, Predicate<String> done, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String value = page.evaluate(expression);
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + within.toSeconds() + " s the page has " + value + "; player events: "
                        + page.evaluate("window.playerEvents.join('; ')") + "; page errors: " + page.errors());
            }
            Thread.sleep(100);
            value = page.evaluate(expression);
        }
        return parse(value);
    }
}
