package dev.signstream.processor;

import dev.signstream.media.JpegEncoder;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.live.FrameTruth;
import dev.signstream.synth.live.SessionScript;
import dev.signstream.synth.live.SessionSpec;
import dev.signstream.synth.live.SyntheticSession;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Renders finite synthetic signing sessions into frame chunks, with the glosses actually signed. */
final class SyntheticChunks {

    static final double FPS = 15;
    static final long START_US = 1_700_000_000_000_000L;

    /** A rendered session: its chunks in order and the glosses signed. */
    record RenderedSession(String sessionId, List<FrameChunk> chunks, List<String> glosses) {
    }

    private SyntheticChunks() {
    }

    /**
     * A session of a test-split (unseen) signer speaking the given standard sentences.
     *
     * @param signerIndex which test signer
     * @param sentenceIds ids of standard sentences, in order
     */
    static RenderedSession testSession(String sessionId, int signerIndex, List<String> sentenceIds, int size,
                                       int chunkFrames, FrameEncoding encoding) {
        Sentences standard = Sentences.standard();
        List<Sentence> script = sentenceIds.stream().map(standard::byId).toList();
        SessionSpec spec = new SessionSpec(sessionId, SignerIdentity.of(SignerPool.TEST, signerIndex, 7L),
                SessionScript.of(script), size, FPS, 1000L + signerIndex, START_US);
        return render(spec, chunkFrames, encoding);
    }

    static RenderedSession render(SessionSpec spec, int chunkFrames, FrameEncoding encoding) {
        int size = spec.size();
        List<FrameChunk> chunks = new ArrayList<>();
        List<String> glosses = new ArrayList<>();
        long lastWord = -1;
        try (SyntheticSession session = new SyntheticSession(spec);
             JpegEncoder jpeg = new JpegEncoder(size, size, JpegEncoder.DEFAULT_QSCALE)) {
            List<ByteBuffer> frames = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            while (session.hasNext()) {
                byte[] rgb = new byte[size * size * 3];
                FrameTruth truth = session.next(rgb);
                if (truth.wordIndex() > lastWord) {
                    glosses.add(truth.label());
                    lastWord = truth.wordIndex();
                }
                frames.add(ByteBuffer.wrap(encoding == FrameEncoding.JPEG ? jpeg.encode(rgb) : rgb));
                times.add(truth.captureMicros());
                boolean end = !session.hasNext();
                if (frames.size() == chunkFrames || end) {
                    chunks.add(chunk(spec.sessionId(), chunks.size(), size, encoding, frames, times, end));
                    frames = new ArrayList<>();
                    times = new ArrayList<>();
                }
            }
        }
        return new RenderedSession(spec.sessionId(), chunks, glosses);
    }

    static FrameChunk chunk(String session, long seq, int size, FrameEncoding encoding, List<ByteBuffer> frames,
                            List<Long> times, boolean last) {
        return FrameChunk.newBuilder()
                .setSessionId(session)
                .setSeq(seq)
                .setCaptureTimesUs(times)
                .setWidth(size)
                .setHeight(size)
                .setEncoding(encoding)
                .setFrames(frames)
                .setFps((float) FPS)
                .setLast(last)
                .setSource("synthetic")
                .setProducerId("processor-test")
                .build();
    }
}
