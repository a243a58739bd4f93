package dev.signstream.embedded.junit;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Command lines for child JVMs (tests that kill processes) with this JVM's class path, passed
 * through a manifest-only jar: ONNX Runtime 1.29 crashes the JVM (SIGSEGV, no error file) at
 * start-up when the command line is longer than about 3,900 characters, which a test class path
 * easily is.
 */
public final class ChildJvm {

    private static Path manifestJar;

    private ChildJvm() {
    }

    /** {@code java <jvmOptions> -cp <this class path> <mainClass> <args>}. */
    public static List<String> command(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPathJar().toString());
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    private static synchronized Path classPathJar() {
        if (manifestJar == null) {
            try {
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                StringBuilder classPath = new StringBuilder();
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    classPath.append(Path.of(entry).toAbsolutePath().toUri().toURL().toExternalForm()).append(' ');
                }
                manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().trim());
                Path jar = Files.createTempFile("child-jvm-classpath-", ".jar");
                jar.toFile().deleteOnExit();
                try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                    manifestJar = jar;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the class path jar", e);
            }
        }
        return manifestJar;
    }
}
