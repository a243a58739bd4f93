package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `signstream demo` refuses a source it cannot use before it starts anything, and leaves nothing behind. */
class DemoStartTest {

    private static final String MODEL = Path.of("..", "inference", "src", "test", "resources", "models",
            "random-small").toString();

    @Test
    void aMissingFileFailsBeforeThePlatformStartsAndLeavesNoFolder() throws Exception {
        List<Path> before = demoFolders();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        long started = System.nanoTime();

        int exit = cli.execute("demo", "--source", "file:/no/such/clip.mp4", "--model", MODEL, "--http-port", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("signstream demo: --source: source file:/no/such/clip.mp4: video file "
                + "/no/such/clip.mp4 does not exist" + System.lineSeparator());
        assertThat(out.toString()).as("nothing started").doesNotContain("Starting Kafka");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(demoFolders()).isEqualTo(before);
    }

    private static List<Path> demoFolders() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("signstream-demo-")).sorted().toList();
        }
    }
}
