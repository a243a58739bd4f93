import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.corpus.CorpusSummary;
import dev.signstream.synth.corpus.CorpusWriter;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one split of the synthetic corpus through the synth module's {@link CorpusWriter}, with
 * the split's default signer count, 112x112 frames at 15 fps and 2 threads. This is what the
 * shipped model's corpus was made with, before {@code signstream corpus} existed.
 *
 * <p>Usage: {@code java -cp <synth jar and dependencies> SynthCorpus.java DIR SPLIT PER_SIGN IDLE
 * SENTENCES SEED}; the classpath comes from {@code mvn -pl synth -am package -DskipTests} and
 * {@code mvn -pl synth dependency:build-classpath}.
 */
public final class SynthCorpus {
    public static void main(String[] args) {
        if (args.length != 6) {
            System.err.println("usage: SynthCorpus DIR SPLIT PER_SIGN IDLE SENTENCES SEED");
            System.exit(2);
        }
        SignerPool split = SignerPool.valueOf(args[1].toUpperCase(Locale.ROOT));
        CorpusSpec spec = new CorpusSpec(Path.of(args[0]), split, Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), CorpusSpec.defaultSigners(split),
                Long.parseLong(args[5]), 112, 15, 2, true);
        CorpusSummary summary = new CorpusWriter(Vocabulary.standard(), Sentences.standard())
                .write(spec, (done, total) -> { });
        System.out.println(summary);
    }
}
