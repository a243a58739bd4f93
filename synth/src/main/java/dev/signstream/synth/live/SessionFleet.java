package dev.signstream.synth.live;

import dev.signstream.synth.signer.Seeds;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds specs for many sessions at once, e.g. for a load test or the demo. */
public final class SessionFleet {

    private SessionFleet() {
    }

    /**
     * {@code count} sessions named {@code prefix-0000, prefix-0001, ...}, each with its own unseen
     * signer ({@link SignerPool#LIVE}) and seed, following {@code script}. Start times are spread
     * over one frame period from {@code startEpochMicros}, so frames of different sessions do not
     * all fall due at the same instant.
     */
    public static List<SessionSpec> of(int count, String prefix, SessionScript script, int size, double fps,
                                       long seed, long startEpochMicros) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        List<SessionSpec> specs = new ArrayList<>(count);
        double periodMicros = 1e6 / fps;
        for (int i = 0; i < count; i++) {
            String id = String.format(Locale.ROOT, "%s-%04d", prefix, i);
            long start = startEpochMicros + Math.round(periodMicros * i / count);
            specs.add(new SessionSpec(id, SignerIdentity.of(SignerPool.LIVE, i % SignerPool.CAPACITY, seed), script,
                    size, fps, Seeds.derive(seed, 0x5E55L, i), start));
        }
        return specs;
    }
}
