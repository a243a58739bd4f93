package dev.signstream.app;

import dev.signstream.eval.offline.Corpus;
import dev.signstream.eval.offline.CorpusClip;
import dev.signstream.eval.record.LabelledSession;
import dev.signstream.eval.record.LabelledSessions;
import dev.signstream.eval.record.RecordProgress;
import dev.signstream.eval.record.RecordSettings;
import dev.signstream.eval.record.RecordSummary;
import dev.signstream.eval.record.Recorder;
import dev.signstream.eval.record.RecordingTopic;
import dev.signstream.media.JpegEncoder;
import dev.signstream.producer.ModelInput;
import dev.signstream.producer.ProduceSettings;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.synth.signer.SignerPool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.signstream.schemas.KafkaSettings;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.common.acl.AclOperation;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream record}: labelled sessions (corpus clips or synthetic signers) into a recording topic. */
@Command(name = "record",
        header = "Records labelled sessions into a frames topic kept for evaluation.",
        mixinStandardHelpOptions = true,
        defaultValueProvider = RecordCommand.Defaults.class,
        description = {
            "Records labelled sessions into a frames topic kept for evaluation (created",
            "with --retention, 30 days by default; the live signstream.frames keeps an hour):",
            "every clip of a corpus split (isolated signs, idle clips, sentences: each its",
            "own session) or --synthetic signers. Chunks and ground-truth headers are the",
            "producer's own (docs/producer.md). Replay with: signstream eval --frames-topic.",
            "Progress goes to stderr; the last line on stdout is a one-line JSON summary."
        })
final class RecordCommand implements Callable<Integer> {

    private static final Pattern DAYS = Pattern.compile("(\\d+)d");

    /** The defaults of {@link RecordSettings}, of synthetic sessions and of the producer's frames. */
    static final class Defaults extends FlagDefaults {
        Defaults() {
            put("--split", SignerPool.TEST.key());
            put("--sentences", LabelledSessions.DEFAULT_SENTENCES);
            put("--seed", ProduceSettings.DEFAULT_SEED);
            put("--size", ProduceSettings.DEFAULT_SIZE);
            put("--chunk", ProduceSettings.DEFAULT_CHUNK_FRAMES);
            put("--fps", ProduceSettings.DEFAULT_FPS);
            put("--encoding", ProduceCommand.Encoding.of(ProduceSettings.DEFAULT_ENCODING));
            put("--jpeg-qscale", JpegEncoder.DEFAULT_QSCALE);
            put("--retention", RecordingTopic.DEFAULT_RETENTION.toDays() + "d");
            put("--partitions", TopicProvisioner.DEFAULT_PARTITIONS);
            put("--replication-factor", RecordSettings.DEFAULT_REPLICATION_FACTOR);
            put("--threads", RecordSettings.DEFAULT_THREADS);
        }
    }

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--out-topic", required = true, paramLabel = "TOPIC", description = "The recording topic.")
    String topic;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus folder (docs/corpus-format.md) to record.")
    Path corpus;

    @Option(names = "--split", description = "Corpus split to record (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--synthetic", paramLabel = "N", description = "Record N synthetic signers instead of a corpus.")
    Integer synthetic;

    @Option(names = "--sentences",
            description = "Sentences each synthetic signer signs (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--seed", description = "Seed of the synthetic signers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder whose model.json gives the frame size, chunk length and (synthetic) fps.")
    Path model;

    @Option(names = "--size",
            description = "Side of the square frames (default: the model's, else the clips' own, else ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--chunk", description = "Frames per chunk (default: the model's chunk length, else ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--fps",
            description = "Frame rate of synthetic signers (default: the model's, else ${DEFAULT-VALUE}); corpus clips keep theirs.")
    double fps;

    @Option(names = "--encoding",
            description = "jpeg (as cameras send) or raw (lossless RGB24, exactly the pixels offline eval sees) (default: ${DEFAULT-VALUE}).")
    ProduceCommand.Encoding encoding;

    @Option(names = "--jpeg-qscale",
            description = "JPEG quantiser scale, 2 (best) to 31 (smallest) (default: ${DEFAULT-VALUE}).")
    int jpegQscale;

    @Option(names = "--session-prefix", description = "Session ids are PREFIX:<clip path> or PREFIX-0000... (default: rec-<UTC time>).")
    String sessionPrefix;

    @Option(names = "--retention",
            description = "How long the topic keeps records if it is created: e.g. 30d, 36h, or forever; at least a day (default: ${DEFAULT-VALUE}).")
    String retention;

    @Option(names = "--partitions", description = "Partitions if the topic is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor",
            description = "Replication factor if the topic is created (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--threads", description = "Sessions recorded at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((corpus == null) == (synthetic == null)) {
            throw new IllegalArgumentException("give either --corpus DIR or --synthetic N");
        }
        ModelInput input = model == null ? null : ModelInput.read(model);
        if (input != null && given("--size") && size != input.size()) {
            throw new IllegalArgumentException("--size " + size + " contradicts --model " + model + ", which takes "
                    + input.size() + "x" + input.size());
        }
        String prefix = sessionPrefix != null ? sessionPrefix : LabelledSessions.defaultPrefix(Instant.now());
        List<LabelledSession> sessions = corpus != null ? corpusSessions(input, prefix) : syntheticSessions(input, prefix);
        int chunkFrames = !given("--chunk") && input != null && input.chunkLength() > 0 ? input.chunkLength() : chunk;
        RecordSettings settings = new RecordSettings(topic, partitions, replicationFactor, parseRetention(retention),
                encoding.avro, jpegQscale, chunkFrames, threads, ProduceSettings.defaultProducerId().replaceFirst("^produce@", "record@"));
        PrintWriter out = spec.commandLine().getOut();
        RecordSummary summary;
        KafkaSettings kafkaSettings = kafka.settings(Recorder.clientConfigs());
        KafkaOptions.check(kafkaSettings, Map.of(topic, Set.of(AclOperation.WRITE)));
        try (Recorder recorder = Recorder.open(kafkaSettings, settings);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("record").setInitialMax(sessions.size())
                     .setUnit(" sessions", 1).build()) {
            summary = recorder.record(sessions, new RecordProgress() {
                @Override
                public void sessionDone(int done, int total) {
                    bar.stepTo(done);
                }

                @Override
                public boolean stopRequested() {
                    return Shutdown.requested();
                }
            });
        }
        out.printf(Locale.ROOT, "Recorded %d session(s), %,d frames (%.1f s of video) in %,d chunks into %s in %.1f s%n",
                summary.sessions(), summary.frames(), summary.videoSeconds(), summary.chunks(), summary.topic(),
                summary.seconds());
        out.println(summary.toJsonLine());
        out.flush();
        return 0;
    }

    private List<LabelledSession> corpusSessions(ModelInput input, String prefix) {
        Corpus read = Corpus.read(corpus);
        List<CorpusClip> clips = read.split(split);
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("the corpus at " + corpus + " has no clips in split '" + split + "'");
        }
        int edge = given("--size") ? size : input != null ? input.size() : clips.get(0).width();
        if (input != null && input.fps() > 0 && Math.abs(clips.get(0).fps() - input.fps()) > 1e-6) {
            spec.commandLine().getErr().printf(Locale.ROOT, "warning: the clips run at %s fps, model %s was trained at %s fps%n",
                    clips.get(0).fps(), input.name(), input.fps());
        }
        return LabelledSessions.corpus(read, split, edge, prefix);
    }

    private List<LabelledSession> syntheticSessions(ModelInput input, String prefix) {
        int edge = !given("--size") && input != null ? input.size() : size;
        double rate = !given("--fps") && input != null && input.fps() > 0 ? input.fps() : fps;
        return LabelledSessions.synthetic(synthetic, sentences, seed, edge, rate, prefix);
    }

    private boolean given(String flag) {
        return spec.commandLine().getParseResult().hasMatchedOption(flag);
    }

    /** {@code forever}, {@code Nd}, or a duration as {@link DurationConverter} reads it. */
    static Optional<Duration> parseRetention(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("forever")) {
            return Optional.empty();
        }
        Matcher days = DAYS.matcher(value);
        Duration duration;
        try {
            duration = days.matches() ? Duration.ofDays(Long.parseLong(days.group(1))) : new DurationConverter().convert(value);
        } catch (CommandLine.TypeConversionException | ArithmeticException e) {
            throw new IllegalArgumentException("--retention '" + text + "': use e.g. 30d, 36h or forever");
        }
        return Optional.of(duration);
    }
}
