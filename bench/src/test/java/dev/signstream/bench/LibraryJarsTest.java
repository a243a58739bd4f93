package dev.signstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.eval.report.ReportWriter;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.media.JpegEncoder;
import dev.signstream.processor.ProcessorService;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.schemas.Topics;
import dev.signstream.service.StreamsRunner;
import dev.signstream.sink.CaptionSink;
import dev.signstream.synth.live.SyntheticSession;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build check that no library module carries a benchmark: every class of schemas, service,
 * embedded, inference, media, synth, producer, processor, sink and eval (their jars, or their class
 * folders in a build that has not packaged them) lies outside any {@code bench} package and is not
 * named like a benchmark. Benchmarks live in this module.
 */
class LibraryJarsTest {

    private static final List<Class<?>> ONE_CLASS_PER_LIBRARY = List.of(Topics.class, StreamsRunner.class,
            EmbeddedKafkaStack.class, StreamModel.class, JpegEncoder.class, SyntheticSession.class,
            KafkaFrameProducer.class, ProcessorService.class, CaptionSink.class, ReportWriter.class);

    @Test
    void noLibraryCarriesBenchmarkClasses() throws Exception {
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        for (Class<?> library : ONE_CLASS_PER_LIBRARY) {
            List<String> names = classNames(location(library));
            assertThat(names).as("classes of %s", location(library)).isNotEmpty();
            classes += names.size();
            for (String name : names) {
                String simple = name.substring(name.lastIndexOf('/') + 1);
                if (name.contains("/bench/") || simple.contains("Benchmark") || simple.matches(".*Bench(\\$.*)?\\.class")) {
                    offenders.add(location(library).getFileName() + ": " + name);
                }
            }
        }
        assertThat(classes).isGreaterThan(300);
        assertThat(offenders).as("benchmark classes in library modules").isEmpty();
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<String> classNames(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                return files.filter(p -> p.toString().endsWith(".class"))
                        .map(p -> location.relativize(p).toString().replace('\\', '/')).toList();
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
        }
    }
}
