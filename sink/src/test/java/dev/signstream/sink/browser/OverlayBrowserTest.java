package dev.signstream.sink.browser;

import static dev.signstream.sink.testing.Words.end;
import static dev.signstream.sink.testing.Words.wordAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.sentence.SentenceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Chromium opens the overlay page of a running sink (before the session exists, as an
 * OBS browser source would) and each sentence written to Kafka appears on it within a second. The
 * browser sees none of the machine's Korean fonts (as OBS or a kiosk on a machine without
 * fonts-nanum): the Hangul is still drawn as glyphs, from the web font the page brings.
 * Skipped only when no Chromium is installed (Debian: {@code apt-get install chromium fonts-nanum}).
 * With {@code -Dsignstream.screenshot.dir=DIR} the final screenshot is also written to
 * {@code DIR/overlay.png} (how docs/images/overlay.png is made).
 */
@WithKafka
class OverlayBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(OverlayBrowserTest.class);
    /** The acceptance bound: Kafka to the page. */
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String SESSION = "broadcast-1";

    @TempDir
    Path dir;

    @Test
    void sentencesWrittenToKafkaAppearOnTheOverlayWithinOneSecond(KafkaStack stack) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "Chromium not found ($CHROMIUM, or chromium / chromium-browser on the PATH):"
                + " the overlay browser test needs Debian's chromium package");

        PrefixedTopics topics = PrefixedTopics.create(stack, "overlay", 1);
        TopicNames names = topics.names();
        KafkaSettings kafka = topics.kafka();
        Path lexicon = Path.of(getClass().getResource("/lexicon/sentences.json").toURI());
        AvroSerdes serdes = new AvroSerdes(stack.registryUrl(), Map.of());

        try (CaptionSink sink = CaptionSink.start(kafka, new SinkSettings("overlay-" + UUID.randomUUID(), "127.0.0.1", 0,
                     SentenceSettings.defaults(), SinkSettings.DEFAULT_VIEW_RETENTION,
                     Optional.of(dir.resolve("state"))), Lexicon.read(lexicon, Lexicon.DEFAULT_MAX_DISTANCE));
             KafkaProducer<String, WordEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                     "linger.ms", 0), new StringSerializer(), serdes.valueSerde(WordEvent.class).serializer());
             // the browser sees no Korean font of this machine (as on one without fonts-nanum)
             HeadlessChromium page = HeadlessChromium.start(chromium.get(), dir, 1280, 720,
                     Map.of("FONTCONFIG_FILE", fontsWithoutKorean(dir).toString()))) {
            awaitRunning(sink);
            // Given the overlay is open before the session starts (the page retries until it exists)
            page.call("Page.enable", Map.of());
            page.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1,
                    "mobile", false));
            page.call("Page.navigate", Map.of("url", "http://127.0.0.1:" + sink.httpPort() + "/overlay?session=" + SESSION));
            waitFor(page, "document.readyState", "complete"::equals, Duration.ofSeconds(10));
            assertThat(page.evaluate("getComputedStyle(document.body).backgroundColor")).isEqualTo("rgba(0, 0, 0, 0)");
            assertThat(page.evaluate("getComputedStyle(document.documentElement).backgroundColor")).isEqualTo("rgba(0, 0, 0, 0)");

            long t0 = System.currentTimeMillis() * 1000;
            List<String> timings = new ArrayList<>();
            // When the first word of the session arrives, Then it shows once the page has connected
            long first = sendAndWait(producer, names, page, wordAt(SESSION, 0, "물", t0), "물|partial|0|1", Duration.ofSeconds(10));
            timings.add("first word, page still connecting: " + first + " ms");
            assertThat(page.evaluate("parseFloat(getComputedStyle(document.getElementById('caption')).fontSize) >= 40"))
                    .isEqualTo("true");

            // Then every later sentence update shows within a second of reaching Kafka
            timings.add(sendAndWait(producer, names, page, wordAt(SESSION, 1, "주세요", t0 + 700_000),
                    "물 좀 주세요.|partial|0|2", WITHIN) + " ms");
            // a word after the gap: sentence 0 is final, sentence 1 opens
            timings.add(sendAndWait(producer, names, page, wordAt(SESSION, 2, "안녕하세요", t0 + 4_000_000),
                    "안녕하세요|partial|1|1", WITHIN) + " ms");
            timings.add(sendAndWait(producer, names, page, wordAt(SESSION, 3, "만나다", t0 + 4_700_000),
                    "안녕하세요, 만나서 반갑습니다.|partial|1|2", WITHIN) + " ms");
            timings.add(sendAndWait(producer, names, page, wordAt(SESSION, 4, "반갑다", t0 + 5_400_000),
                    "안녕하세요, 만나서 반갑습니다.|partial|1|3", WITHIN) + " ms");
            timings.add(sendAndWait(producer, names, page, end(SESSION, 5, 0),
                    "안녕하세요, 만나서 반갑습니다.|final|1|3", WITHIN) + " ms");
            LOG.info("Kafka -> overlay page: {}", timings);

            // and its Hangul is drawn as glyphs, from the font the page brings, not as boxes
            waitFor(page, "document.fonts.status", "loaded"::equals, Duration.ofSeconds(10));
            assertThat(page.evaluate("document.fonts.check(\"700 56px 'Noto Sans KR'\", '안녕하세요')")).isEqualTo("true");
            String glyphs = page.evaluate(GLYPHS);
            LOG.info("Hangul drawn (distinct syllables, page font | system fonts only): {}", glyphs);
            // without the page's font the machine has none: every syllable is the same box
            assertThat(glyphs).as("this browser must see no Korean font of the machine").endsWith("|1");
            assertThat(glyphs).startsWith("5|");
            assertThat(page.errors()).as("the font files load").noneMatch(e -> e.contains("fonts/"));

            byte[] png = screenshotOverDarkBackdrop(page);
            Files.write(dir.resolve("overlay.png"), png);
            String target = System.getProperty("signstream.screenshot.dir");
            if (target != null && !target.isBlank()) {
                Files.createDirectories(Path.of(target));
                Files.write(Path.of(target, "overlay.png"), png);
            }
            assertThat(png.length).isGreaterThan(1000);
        }
    }

    /**
     * Draws five Hangul syllables of the caption with the caption's font and with the machine's
     * fonts only ({@code sans-serif}), and counts the distinct images: glyphs differ, missing-glyph
     * boxes are all alike. Answers "distinct with the page's font|distinct with system fonts".
     */
    private static final String GLYPHS = """
            (function () {
              function distinct(font) {
                var seen = {};
                ['안', '녕', '하', '세', '요'].forEach(function (syllable) {
                  var canvas = document.createElement('canvas');
                  canvas.width = 80; canvas.height = 80;
                  var g = canvas.getContext('2d');
                  g.fillStyle = '#000'; g.font = font; g.fillText(syllable, 8, 64);
                  seen[canvas.toDataURL()] = true;
                });
                return Object.keys(seen).length;
              }
              var caption = getComputedStyle(document.getElementById('caption'));
              return distinct(caption.fontWeight + ' 56px ' + caption.fontFamily) + '|' + distinct('700 56px sans-serif');
            })()""";

    /**
     * A fontconfig setup that shows the browser only Latin fonts (DejaVu where installed), so the test
     * runs as on a machine without fonts-nanum or fonts-noto-cjk, whatever this one has.
     */
    private static Path fontsWithoutKorean(Path dir) throws Exception {
        Path latin = Path.of("/usr/share/fonts/truetype/dejavu");
        Path config = dir.resolve("fonts.conf");
        Files.writeString(config, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"
                + (Files.isDirectory(latin) ? "  <dir>" + latin + "</dir>\n" : "")
                + "  <cachedir>" + dir.resolve("fontconfig-cache") + "</cachedir>\n</fontconfig>\n");
        return config;
    }

    private static void awaitRunning(CaptionSink sink) throws InterruptedException {
        assertThat(sink.runner().awaitRunning(Duration.ofSeconds(90))).isTrue();
        assertThat(sink.view().awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        assertThat(sink.runner().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    /**
     * Writes a word event and polls the page until the caption shows {@code text|state|index|words}.
     *
     * @return milliseconds from the record being acknowledged by Kafka to the page showing it
     */
    private static long sendAndWait(KafkaProducer<String, WordEvent> producer, TopicNames names, HeadlessChromium page,
                                    WordEvent word, String expected, Duration within) throws Exception {
        producer.send(new ProducerRecord<>(names.words(), word.getSessionId(), word)).get();
        long written = System.nanoTime();
        waitFor(page, "(function(){var c=document.getElementById('caption');"
                + "return [c.textContent, c.dataset.state, c.dataset.index, c.dataset.words].join('|');})()",
                expected::equals, within);
        return (System.nanoTime() - written) / 1_000_000;
    }

    private static String waitFor(HeadlessChromium page, String expression, Predicate<String> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String value = page.evaluate(expression);
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(String.format(Locale.ROOT, "after %d ms the page shows '%s'", within.toMillis(), value));
            }
            Thread.sleep(10);
            value = page.evaluate(expression);
        }
        return value;
    }

    /** The page is transparent; for the docs it is shot over a dark backdrop, as over a video. */
    private static byte[] screenshotOverDarkBackdrop(HeadlessChromium page) throws Exception {
        page.call("Emulation.setDefaultBackgroundColorOverride", Map.of("color", Map.of("r", 38, "g", 44, "b", 52, "a", 1)));
        return page.screenshot();
    }
}
