package dev.signstream.sink.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent readers: a tool that is missing skips its test with a message, unless
 * {@code SIGNSTREAM_REQUIRE_CAPTION_TOOLS=1} (CI, whose {@code .ci/run} installs them), where a
 * missing tool fails the test.
 */
final class ExternalTools {

    /** Debian's Python, which has the Debian packages (a {@code python3} earlier on the PATH may not). */
    static final String PYTHON = "/usr/bin/python3";

    private ExternalTools() {
    }

    /** The result of a run. */
    record Run(int exitCode, String out, String err) {
    }

    /** Skips (or, where required, fails) unless {@code command} runs and exits 0. */
    static void require(String what, String debianPackages, String... command) throws Exception {
        boolean present;
        try {
            present = run(command).exitCode() == 0;
        } catch (IOException e) {
            present = false;
        }
        String message = what + " is not installed (Debian: apt-get install " + debianPackages + ")";
        if (!present && "1".equals(System.getenv("SIGNSTREAM_REQUIRE_CAPTION_TOOLS"))) {
            throw new AssertionError(message + ", and SIGNSTREAM_REQUIRE_CAPTION_TOOLS=1 requires it");
        }
        assumeTrue(present, message + ": test skipped");
    }

    /** Runs a command to its end (at most 2 minutes), its output collected. */
    static Run run(String... command) throws Exception {
        Path out = Files.createTempFile("tool-", ".out");
        Path err = Files.createTempFile("tool-", ".err");
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code args} after the interpreter and a script from the test resources. */
    static String[] python(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }
}
