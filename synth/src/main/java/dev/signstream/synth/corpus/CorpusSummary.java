package dev.signstream.synth.corpus;

import java.nio.file.Path;

/**
 * What one {@link CorpusWriter#write} run produced.
 *
 * @param root      corpus root
 * @param clips     clips written
 * @param frames    frames rendered and encoded
 * @param bytes     total size of the clips written
 * @param seconds   wall time of the run
 */
public record CorpusSummary(Path root, int clips, long frames, long bytes, double seconds) {

    public double framesPerSecond() {
        return seconds > 0 ? frames / seconds : 0;
    }
}
