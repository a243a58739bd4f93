package dev.signstream.app;

import dev.signstream.synth.corpus.ConsoleProgress;
import dev.signstream.synth.corpus.CorpusProgress;
import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.corpus.CorpusSummary;
import dev.signstream.synth.corpus.CorpusWriter;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signstream corpus}: writes one split of the synthetic signer's training corpus. */
@Command(name = "corpus",
        header = "Renders a synthetic signing corpus (AI Hub-like layout, exact ground truth).",
        mixinStandardHelpOptions = true,
        defaultValueProvider = CorpusCommand.Defaults.class,
        description = {
            "Renders synthetic KSL signing clips in the AI Hub-like layout:",
            "  DIR/<split>/<gloss>/*.mp4, DIR/<split>/_sentences/*.mp4, DIR/<split>/_sequences/*.mp4,",
            "  DIR/<split>/<idle>/*.mp4,",
            "  DIR/manifest.jsonl and DIR/labels.json (see docs/corpus-format.md).",
            "Each split has its own signers. The same options give the same bytes."
        })
final class CorpusCommand implements Callable<Integer> {

    /** The defaults of {@link CorpusSpec}. */
    static final class Defaults extends FlagDefaults {
        Defaults() {
            put("--per-sign", CorpusSpec.DEFAULT_PER_SIGN);
            put("--sentences", 0);
            put("--sequences", 0);
            put("--seed", CorpusSpec.DEFAULT_SEED);
            put("--size", CorpusSpec.DEFAULT_SIZE);
            put("--fps", CorpusSpec.DEFAULT_FPS);
        }
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Corpus root folder.")
    Path out;

    @Option(names = "--split", required = true, paramLabel = "train|val|test", description = "Which split to write.")
    String split;

    @Option(names = "--per-sign", paramLabel = "N", description = "Isolated clips per sign (default ${DEFAULT-VALUE}).")
    int perSign;

    @Option(names = "--idle", paramLabel = "N", description = "Idle (hands at rest) clips; default: as many as --per-sign.")
    Integer idle;

    @Option(names = "--sentences", paramLabel = "M", description = "Sentence clips (default ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--sequences", paramLabel = "N",
            description = "Random sign sequences: 2-8 signs drawn from the whole vocabulary (default ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--signers", paramLabel = "K", description = "Distinct signers in this split; default "
            + CorpusSpec.DEFAULT_TRAIN_SIGNERS + " for train, " + CorpusSpec.DEFAULT_EVAL_SIGNERS + " for val and test.")
    Integer signers;

    @Option(names = "--seed", paramLabel = "S", description = "Base seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", paramLabel = "PIXELS",
            description = "Square frame edge: the model's input (any even 48-1024; default ${DEFAULT-VALUE}, the shipped model's).")
    int size;

    @Option(names = "--fps", description = "Frames per second (default ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--threads", paramLabel = "T", description = "Clips rendered in parallel; default: all cores.")
    Integer threads;

    @Option(names = "--overwrite", description = "Replace this split if it already exists.")
    boolean overwrite;

    @Option(names = "--no-progress", description = "No progress bar (e.g. in CI logs).")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (!List.of("train", "val", "test").contains(split.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--split must be train, val or test, got '" + split + "'");
        }
        SignerPool pool = SignerPool.parse(split);
        CorpusSpec corpus = new CorpusSpec(out, pool, perSign, idle == null ? perSign : idle, sentences, sequences,
                signers == null ? CorpusSpec.defaultSigners(pool) : signers, seed, size, fps,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, overwrite);
        CorpusWriter writer = new CorpusWriter(Vocabulary.standard(), Sentences.standard());
        CorpusSummary summary;
        if (noProgress) {
            summary = writer.write(corpus, CorpusProgress.NONE);
        } else {
            try (ConsoleProgress progress = new ConsoleProgress("corpus " + pool.key())) {
                summary = writer.write(corpus, progress);
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %d clips, %d frames, %.1f MB in %.1f s (%.0f frames/s) -> %s%n",
                pool.key(), summary.clips(), summary.frames(), summary.bytes() / 1e6, summary.seconds(),
                summary.framesPerSecond(), summary.root());
        stdout.flush();
        return 0;
    }
}
