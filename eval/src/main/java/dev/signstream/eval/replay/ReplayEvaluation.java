package dev.signstream.eval.replay;

import dev.signstream.eval.scoring.SessionScore;
import dev.signstream.eval.scoring.SessionTruth;
import dev.signstream.eval.scoring.TruthSign;
import dev.signstream.eval.scoring.WordScorer;
import dev.signstream.inference.decoder.Alternative;
import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.model.ModelFolder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.Reachability;
import dev.signstream.schemas.avro.WordEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates models on a stored frames topic: fixes the range (from the beginning or a time, to the
 * end now), reads its ground truth once, then replays it through each model in turn
 * ({@link ModelReplay}) and scores the words ({@link WordScorer}). Everything a model could not use
 * is reported, not dropped: unreadable records, dead letters, sessions cut by the range, sessions
 * the processor did not end.
 */
public final class ReplayEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayEvaluation.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private ReplayEvaluation() {
    }

    /** The client config definitions whose settings {@code KAFKA_*} variables may name. */
    public static List<ConfigDef> clientConfigs() {
        return List.of(StreamsConfig.configDef(), ConsumerConfig.configDef(), ProducerConfig.configDef(),
                AdminClientConfig.configDef());
    }

    /**
     * Runs the evaluation.
     *
     * @throws IllegalArgumentException for a missing topic, an empty range, a model folder that does
     *                                  not load, or a model that cannot take the recorded frames or glosses
     */
    public static ReplayReport run(KafkaSettings live, ReplayOptions options, ReplayProgress progress)
            throws InterruptedException {
        Reachability.check(live);
        Instant startedAt = Instant.now();
        List<ModelManifest> manifests = new ArrayList<>();
        for (Path dir : options.models()) {
            manifests.add(ModelFolder.load(dir).manifest());
        }
        ReplayRange range;
        try (Admin admin = Admin.create(live.adminConfig())) {
            range = ReplayRange.resolve(admin, options.framesTopic(), options.from(), ADMIN_TIMEOUT);
        }
        if (range.records() == 0) {
            throw new IllegalArgumentException("topic " + options.framesTopic() + " holds no records"
                    + options.from().map(t -> " from " + t).orElse(""));
        }
        Recording recording = TopicScanner.scan(live, range);
        LOG.info("{}: {} records, {} sessions, {} s of video", range.topic(), range.records(),
                recording.sessions().size(), Math.round(recording.videoSeconds()));
        for (ModelManifest manifest : manifests) {
            checkFits(manifest, recording);
        }
        String runId = runId(startedAt);
        List<ModelResult> results = new ArrayList<>();
        for (int i = 0; i < options.models().size(); i++) {
            ModelRun run = ModelReplay.run(live, options, options.models().get(i), range, runId, i, progress);
            results.add(score(recording, run));
        }
        return new ReplayReport(runId, startedAt, recording, results);
    }

    /** The model must take the recorded frame size and know every gloss of the scored sessions. */
    private static void checkFits(ModelManifest manifest, Recording recording) {
        Set<String> labels = new HashSet<>(manifest.labels());
        for (SessionRecord session : recording.sessions()) {
            if (session.frames() > 0 && (session.width() != manifest.width() || session.height() != manifest.height())) {
                throw new IllegalArgumentException("session " + session.sessionId() + " was recorded at "
                        + session.width() + "x" + session.height() + " but model " + manifest.name() + " takes "
                        + manifest.width() + "x" + manifest.height() + " (record again with that size)");
            }
            if (session.scored()) {
                for (TruthSign sign : session.truth().orElseThrow().signs()) {
                    if (!labels.contains(sign.gloss())) {
                        throw new IllegalArgumentException("session " + session.sessionId() + " contains gloss '"
                                + sign.gloss() + "' that model " + manifest.name() + " does not know");
                    }
                }
            }
        }
    }

    static ModelResult score(Recording recording, ModelRun run) {
        ModelManifest manifest = run.manifest();
        WordScorer scorer = new WordScorer(manifest.labels(), manifest.idleIndex());
        List<SessionScore> sessions = new ArrayList<>();
        List<String> notEnded = new ArrayList<>();
        Set<String> inRange = new HashSet<>();
        for (SessionRecord session : recording.sessions()) {
            inRange.add(session.sessionId());
            if (!session.scored()) {
                continue;
            }
            if (!run.ended().contains(session.sessionId())) {
                notEnded.add(session.sessionId());
                continue;
            }
            SessionTruth truth = session.truth().orElseThrow();
            TreeMap<Integer, WordEvent> words = run.words().getOrDefault(session.sessionId(), new TreeMap<>());
            sessions.add(scorer.add(truth, words.values().stream().map(ReplayEvaluation::decoded).toList()));
        }
        long outside = 0;
        for (Map.Entry<String, TreeMap<Integer, WordEvent>> e : run.words().entrySet()) {
            if (!inRange.contains(e.getKey())) {
                outside += e.getValue().size();
            }
        }
        if (!notEnded.isEmpty()) {
            LOG.warn("model {}: {} session(s) were never ended by the processor and are not scored, e.g. {}",
                    manifest.name(), notEnded.size(), notEnded.get(0));
        }
        Throughput throughput = new Throughput(recording.videoSeconds(), recording.frames(), recording.chunks(),
                run.startupSeconds(), run.processingSeconds(), run.totalSeconds(), run.onnxCalls(), run.steps());
        return new ModelResult(manifest.name(), manifest.version(), run.modelDir(), run.applicationId(), scorer.summary(),
                sessions, notEnded, run.deadLetters(), run.duplicateWords(), outside, throughput);
    }

    /** A word event as the decoder's word, the form the scorer takes from every path. */
    static DecodedWord decoded(WordEvent event) {
        List<Alternative> topK = event.getTopK().stream()
                .map(a -> new Alternative(a.getLabelId(), a.getGloss(), a.getScore())).toList();
        return new DecodedWord(event.getWordIndex(), event.getLabelId(), event.getGloss(), event.getConfidence(), topK,
                event.getFirstFrameTimeUs(), event.getLastFrameTimeUs(), event.getFirstSeq(), event.getLastSeq(),
                event.getGapChunks());
    }

    private static String runId(Instant startedAt) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(startedAt);
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return time + "-" + HexFormat.of().formatHex(random);
    }
}
