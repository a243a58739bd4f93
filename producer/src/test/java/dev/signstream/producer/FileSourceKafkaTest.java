package dev.signstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.producer.ChunkReader.Received;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.media.RgbFrame;
import dev.signstream.media.VideoInput;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video files through the producer into the real embedded broker, and back. */
@WithKafka
class FileSourceKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    static KafkaSettings kafka(KafkaStack stack) {
        return new KafkaSettings(stack.bootstrapServers(), stack.registryUrl(), Map.of(),
                TopicNames.withPrefix("producer-" + UUID.randomUUID() + "."));
    }

    static List<Received> produce(KafkaStack stack, KafkaSettings kafka, SourceSpec source, ProduceSettings settings)
            throws InterruptedException {
        try (KafkaFrameProducer producer = KafkaFrameProducer.start(kafka,
                new KafkaFrameProducer.Options(2, Optional.of((short) 1), null), source, settings)) {
            assertThat(producer.awaitEnd(WAIT)).as("all sessions ended").isTrue();
            assertThat(producer.failure()).isNull();
        }
        Map<String, List<Received>> chunks = ChunkReader.readUntilLast(stack, kafka.topics(),
                Set.copyOf(settings.sessionIds()), WAIT);
        return chunks.get(settings.sessionId());
    }

    /** Seq 0, 1, 2, ... with {@code last} on the final chunk only; returns every frame's capture time. */
    static List<Long> assertContiguousAndTimed(List<Received> chunks) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            FrameChunk chunk = chunks.get(i).chunk();
            assertThat(chunk.getSeq()).as("seq of chunk %d", i).isEqualTo(i);
            assertThat(chunk.getLast()).as("last flag of chunk %d", i).isEqualTo(i == chunks.size() - 1);
            assertThat(chunk.getCaptureTimesUs()).hasSameSizeAs(chunk.getFrames());
            times.addAll(chunk.getCaptureTimesUs());
        }
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).as("capture time %d", i).isGreaterThan(times.get(i - 1));
        }
        assertThat(chunks.stream().map(Received::partition).distinct()).as("one partition per session").hasSize(1);
        return times;
    }

    static List<RgbFrame> decodeAll(List<Received> chunks) {
        List<RgbFrame> frames = new ArrayList<>();
        for (Received received : chunks) {
            for (ByteBuffer data : received.chunk().getFrames()) {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                frames.add(TestVideos.decodeJpeg(bytes));
            }
        }
        return frames;
    }

    /** The file's frames as the producer crops them, before JPEG. */
    private static List<RgbFrame> readAll(Path file, int size) {
        List<RgbFrame> frames = new ArrayList<>();
        try (VideoInput input = VideoInput.open(VideoInput.Kind.FILE, file.toString(), size, Duration.ofSeconds(5))) {
            RgbFrame frame = new RgbFrame(size, size);
            while (input.read(frame)) {
                frames.add(frame.copy());
            }
        }
        return frames;
    }

    @Test
    void aFileIsPublishedAsContiguousChunksThatDecodeToItsFrames(KafkaStack stack) throws Exception {
        // Given 1.5 s of 640x480 video at 30 fps whose frames show their index
        Path file = TestVideos.indexedMp4(dir.resolve("clip.mp4"), 640, 480, 30, 45);
        KafkaSettings kafka = kafka(stack);
        long before = System.currentTimeMillis() * 1000;

        // When it is produced with the defaults (15 fps, chunks of 8, JPEG) at 112 px
        List<Received> chunks = produce(stack, kafka, SourceSpec.parse("file:" + file),
                ProduceSettings.defaults("cam-1").withSize(112));

        // Then every second frame arrives, in contiguous chunks of 8, timed by the file
        assertThat(chunks).extracting(r -> r.chunk().getFrames().size()).containsExactly(8, 8, 7);
        List<Long> times = assertContiguousAndTimed(chunks);
        List<RgbFrame> frames = decodeAll(chunks);
        List<RgbFrame> decodedSource = readAll(file, 112);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(TestVideos.indexOf(frames.get(i))).as("source index of frame %d", i).isEqualTo(2 * i);
            assertThat(times.get(i) - times.get(0)).as("capture offset of frame %d", i)
                    .isCloseTo(Math.round(2 * i * 1e6 / 30), Offset.offset(2L));
            // the centre square of the source, scaled to 112: its left and right halves
            // JPEG at the default qscale costs ~45 dB against the cropped source frame; a wrong
            // frame (a neighbour) scores below 30
            assertThat(TestVideos.psnr(decodedSource.get(2 * i), frames.get(i))).as("PSNR of frame %d", i)
                    .isGreaterThan(38);
        }
        assertThat(times.get(0)).isBetween(before, System.currentTimeMillis() * 1000);
        FrameChunk first = chunks.get(0).chunk();
        assertThat(chunks.get(0).key()).isEqualTo("cam-1");
        assertThat(first.getSessionId()).isEqualTo("cam-1");
        assertThat(first.getWidth()).isEqualTo(112);
        assertThat(first.getHeight()).isEqualTo(112);
        assertThat(first.getEncoding()).isEqualTo(FrameEncoding.JPEG);
        assertThat(first.getFps()).isEqualTo(15f);
        assertThat(first.getSource()).isEqualTo("file:" + file);
        assertThat(first.getProducerId()).startsWith("produce@");
        assertThat(chunks.get(0).headers()).as("no ground truth for a plain file").isEmpty();
    }

    @Test
    void landscapePortraitAndSmallInputsAreCentreCroppedAndTimed(KafkaStack stack) throws Exception {
        int[][] sizes = {{1920, 1080}, {640, 480}, {720, 1280}};
        for (int[] size : sizes) {
            // Given 0.4 s of a band pattern at 30 fps
            Path file = TestVideos.bandsMp4(dir.resolve(size[0] + "x" + size[1] + ".mp4"), size[0], size[1], 30, 12);

            List<Received> chunks = produce(stack, kafka(stack), SourceSpec.parse("file:" + file),
                    ProduceSettings.defaults("crop-" + size[0] + "x" + size[1]).withSize(112));

            // Then six frames show exactly the centre square, 1/15 s apart
            List<Long> times = assertContiguousAndTimed(chunks);
            assertThat(times).as("frames of %dx%d", size[0], size[1]).hasSize(6);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).isCloseTo(66_667L, Offset.offset(2L));
            }
            for (RgbFrame frame : decodeAll(chunks)) {
                assertThat(frame.width()).isEqualTo(112);
                assertThat(TestVideos.bandErrors(frame)).as("misplaced pixels in a %dx%d crop", size[0], size[1])
                        .isZero();
            }
        }
    }

    @Test
    void aVariableFrameRateFileKeepsItsTimingAndIsSampledByTime(KafkaStack stack) throws Exception {
        // Given 1 s at 30 fps, 1 s at 10 fps and 1 s at 60 fps in one file (millisecond timestamps)
        List<Long> pts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pts.add(Math.round(i * 1000 / 30.0));
        }
        for (int i = 0; i < 10; i++) {
            pts.add(1000 + i * 100L);
        }
        for (int i = 0; i < 60; i++) {
            pts.add(2000 + Math.round(i * 1000 / 60.0));
        }
        long[] ptsMillis = pts.stream().mapToLong(Long::longValue).toArray();
        Path file = TestVideos.variableRateMp4(dir.resolve("vfr.mp4"), 640, 360, ptsMillis);

        List<Received> chunks = produce(stack, kafka(stack), SourceSpec.parse("file:" + file),
                ProduceSettings.defaults("vfr"));

        // Then each kept frame is shown at its own presentation time ...
        List<Long> times = assertContiguousAndTimed(chunks);
        List<RgbFrame> frames = decodeAll(chunks);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            int index = TestVideos.indexOf(frames.get(i));
            indexes.add(index);
            assertThat(times.get(i) - times.get(0)).as("capture offset of source frame %d", index)
                    .isEqualTo((ptsMillis[index] - ptsMillis[indexes.get(0)]) * 1000);
        }
        // ... at 15 fps where the source is faster (every 2nd, then every 4th frame) and every frame where slower
        assertThat(indexes.subList(0, 15)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28);
        assertThat(indexes.subList(15, 25)).containsExactly(30, 31, 32, 33, 34, 35, 36, 37, 38, 39);
        assertThat(indexes.subList(25, indexes.size())).hasSize(15).allSatisfy(i -> assertThat((i - 40) % 4).isZero());
    }

    @Test
    void rawFramesArePackedRgbOfTheCrop(KafkaStack stack) throws Exception {
        Path file = TestVideos.indexedMp4(dir.resolve("raw.mp4"), 640, 480, 30, 8);

        List<Received> chunks = produce(stack, kafka(stack), SourceSpec.parse("file:" + file),
                ProduceSettings.defaults("raw").withEncoding(FrameEncoding.RAW_RGB24).withSize(96));

        assertContiguousAndTimed(chunks);
        int index = 0;
        for (Received received : chunks) {
            assertThat(received.chunk().getEncoding()).isEqualTo(FrameEncoding.RAW_RGB24);
            for (ByteBuffer data : received.chunk().getFrames()) {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                RgbFrame frame = RgbFrame.wrap(96, 96, bytes);
                assertThat(TestVideos.indexOf(frame)).isEqualTo(index);
                assertThat(TestVideos.psnr(TestVideos.indexed(96, 96, index), frame)).isGreaterThan(30);
                index += 2;
            }
        }
        assertThat(index).isEqualTo(8);
    }
}
