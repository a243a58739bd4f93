package dev.signstream.processor;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.processor.avro.SessionActivity;
import dev.signstream.schemas.avro.Alternative;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@code WordEvent} records the processor emits. */
final class WordEvents {

    private final String modelName;
    private final String modelVersion;

    WordEvents(ModelManifest manifest) {
        this.modelName = manifest.name();
        this.modelVersion = manifest.version();
    }

    WordEvent word(String session, DecodedWord word, Instant emitted) {
        List<Alternative> alternatives = new ArrayList<>(word.topK().size());
        for (var alternative : word.topK()) {
            alternatives.add(new Alternative(alternative.labelId(), alternative.gloss(), alternative.score()));
        }
        return WordEvent.newBuilder()
                .setSessionId(session)
                .setType(WordEventType.WORD)
                .setWordIndex(word.wordIndex())
                .setLabelId(word.labelId())
                .setGloss(word.gloss())
                .setConfidence(word.confidence())
                .setTopK(alternatives)
                .setFirstFrameTimeUs(word.firstFrameTimeUs())
                .setLastFrameTimeUs(word.lastFrameTimeUs())
                .setEmitTimeMs(emitted)
                .setModelName(modelName)
                .setModelVersion(modelVersion)
                .setFirstSeq(word.firstSeq())
                .setLastSeq(word.lastSeq())
                .setGapChunks(word.gapChunks())
                .build();
    }

    WordEvent sessionEnd(String session, SessionActivity activity, Instant emitted) {
        return WordEvent.newBuilder()
                .setSessionId(session)
                .setType(WordEventType.SESSION_END)
                .setWordIndex(activity.getWords())
                .setLabelId(-1)
                .setGloss("")
                .setConfidence(0f)
                .setTopK(List.of())
                .setFirstFrameTimeUs(activity.getLastCaptureUs())
                .setLastFrameTimeUs(activity.getLastCaptureUs())
                .setEmitTimeMs(emitted)
                .setModelName(modelName)
                .setModelVersion(modelVersion)
                .setFirstSeq(activity.getLastSeq())
                .setLastSeq(activity.getLastSeq())
                .setGapChunks(0)
                .build();
    }
}
