package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training reads the corpus with Debian's python3-opencv: check that OpenCV decodes our MP4s to the
 * same frames as JavaCV. Skipped (not passed) where {@code /usr/bin/python3} has no cv2 module.
 */
class OpenCvDecodesOurMp4Test {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void openCvReadsEveryFrameWithTheSamePixelsAsJavaCv() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run("import cv2").exitCode == 0,
                "/usr/bin/python3 with cv2 (Debian python3-opencv) is not installed");
        Path file = dir.resolve("수어-clip.mp4");
        try (Mp4Writer writer = Mp4Writer.open(file, 112, 112, Mp4Settings.of(15, 3))) {
            for (int i = 0; i < 12; i++) {
                writer.write(TestPatterns.movingSquare(112, 112, i));
            }
        }

        Result result = run("import cv2, sys\n"
                + "cap = cv2.VideoCapture(sys.argv[1])\n"
                + "n = 0\n"
                + "while True:\n"
                + "    ok, f = cap.read()\n"
                + "    if not ok: break\n"
                + "    if n == 7: b, g, r = (int(f[60, 40, c]) for c in range(3))\n"
                + "    n += 1\n"
                + "print(n, cap.get(cv2.CAP_PROP_FPS), r, g, b)\n", file.toString());

        assertThat(result.exitCode).as(result.output).isZero();
        String[] fields = result.output.trim().split("\\s+");
        assertThat(Integer.parseInt(fields[0])).isEqualTo(12);
        assertThat(Double.parseDouble(fields[1])).isEqualTo(15.0);
        int javacv = VideoReader.readAll(file, 112, 112).get(7).rgbAt(40, 60);
        // both use FFmpeg's decoder; colour conversion may round differently by a step or two
        assertThat(Integer.parseInt(fields[2])).isCloseTo(javacv >> 16 & 0xFF, org.assertj.core.data.Offset.offset(3));
        assertThat(Integer.parseInt(fields[3])).isCloseTo(javacv >> 8 & 0xFF, org.assertj.core.data.Offset.offset(3));
        assertThat(Integer.parseInt(fields[4])).isCloseTo(javacv & 0xFF, org.assertj.core.data.Offset.offset(3));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("python3 did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
