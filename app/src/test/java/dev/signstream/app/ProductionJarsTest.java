package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A build check: the production classes of every SignStream library module (what
 * {@code ./signstream} and a deployment run) hold no benchmark and no browser-driving code.
 * Benchmarks live in the dedicated {@code bench} module (behind {@code signstream bench}, as DJL
 * keeps its benchmark apart from its api) and the headless Chromium harness in the embedded
 * module's test jar; no module, bench included, drives a browser.
 */
class ProductionJarsTest {

    /** Text only a browser driver carries (Chromium's DevTools flags and endpoints). */
    private static final List<String> BROWSER_DRIVING = List.of("--remote-debugging-port", "DevToolsActivePort",
            "webSocketDebuggerUrl");

    /** The one module whose purpose is benchmarking. */
    private static final String BENCHMARK_MODULE = "bench";

    @Test
    void noProductionJarHoldsBenchmarkOrBrowserDrivingClasses() throws IOException {
        List<Path> outputs = productionOutputs();
        // the app depends on every module: all of them are here
        assertThat(outputs.stream().map(ProductionJarsTest::module).distinct().toList())
                .as("production outputs on the class path: %s", outputs)
                .contains("embedded", "schemas", "service", "inference", "media", "synth", "producer", "processor",
                        "sink", "eval", BENCHMARK_MODULE);
        List<String> offenders = new ArrayList<>();
        for (Path output : outputs) {
            offenders.addAll(offenders(output));
        }
        assertThat(offenders).isEmpty();
    }

    /** Benchmark and browser-driving classes in one output. */
    private static List<String> offenders(Path output) throws IOException {
        return offenders(output, module(output));
    }

    /** The same, the output taken as {@code module}'s. */
    private static List<String> offenders(Path output, String module) throws IOException {
        List<String> offenders = new ArrayList<>();
        for (ClassFile type : classes(output)) {
            String name = type.name();
            String simple = name.substring(name.lastIndexOf('/') + 1).replace(".class", "");
            boolean benchmark = name.contains("/bench/") || simple.matches(".*(Benchmark|Bench)(\\$.*)?");
            if (benchmark && !module.equals(BENCHMARK_MODULE)) {
                offenders.add(module + ": " + name + " (a benchmark)");
            }
            String text = new String(type.bytes(), StandardCharsets.ISO_8859_1);
            for (String marker : BROWSER_DRIVING) {
                if (text.contains(marker)) {
                    offenders.add(module + ": " + name + " (drives a browser: '" + marker + "')");
                }
            }
        }
        return offenders;
    }

    @Test
    void theCheckFindsWhatItLooksFor() throws IOException {
        // the bench module's classes, looked at as if they were a library's, and the browser driver
        // in the embedded test classes: the same check names them
        List<String> found = new ArrayList<>();
        for (Path output : productionOutputs()) {
            if (module(output).equals(BENCHMARK_MODULE)) {
                found.addAll(offenders(output, "a library"));
            }
        }
        Path embeddedTests = Path.of("..", "embedded", "target", "test-classes");
        if (Files.isDirectory(embeddedTests)) {
            found.addAll(offenders(embeddedTests));
        }
        assertThat(found).anyMatch(o -> o.contains("dev/signstream/bench/runtime/RuntimeBenchmark.class (a benchmark)"));
        assertThat(found).anyMatch(o -> o.contains("HeadlessChromium.class (drives a browser"));
    }

    private record ClassFile(String name, byte[] bytes) {
    }

    /** Main outputs of SignStream modules: target/classes folders or module jars, never test jars. */
    private static List<Path> productionOutputs() {
        List<Path> outputs = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            String text = path.toString();
            boolean moduleJar = path.getFileName().toString().startsWith("signstream-") && text.endsWith(".jar")
                    && !text.endsWith("-tests.jar");
            boolean classesDir = path.endsWith(Path.of("target", "classes"));
            if (moduleJar || classesDir) {
                outputs.add(path);
            }
        }
        return outputs;
    }

    private static String module(Path output) {
        String file = output.getFileName().toString();
        if (file.startsWith("signstream-")) {
            return file.substring("signstream-".length()).replaceAll("-\\d.*$", "");
        }
        return output.getParent().getParent().getFileName().toString();
    }

    private static List<ClassFile> classes(Path output) throws IOException {
        List<ClassFile> found = new ArrayList<>();
        if (Files.isDirectory(output)) {
            try (Stream<Path> files = Files.walk(output)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    found.add(new ClassFile(output.relativize(file).toString().replace(File.separatorChar, '/'),
                            Files.readAllBytes(file)));
                }
            }
        } else if (Files.isRegularFile(output)) {
            try (JarFile jar = new JarFile(output.toFile())) {
                for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                    if (entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            found.add(new ClassFile(entry.getName(), in.readAllBytes()));
                        }
                    }
                }
            }
        }
        return found;
    }
}
