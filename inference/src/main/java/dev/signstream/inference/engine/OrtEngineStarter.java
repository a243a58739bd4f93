package dev.signstream.inference.engine;

import ai.djl.engine.Engine;

/**
 * Starts DJL's ONNX Runtime engine the safe way, once per JVM: offline mode first (otherwise DJL
 * asks the AWS metadata address at engine load), then the DJL engine before anything touches
 * {@code OrtEnvironment} (otherwise DJL fails with "thread pool already exists").
 */
public final class OrtEngineStarter {

    public static final String ENGINE_NAME = "OnnxRuntime";
    private static final int LONG_COMMAND_LINE = 3_500;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrtEngineStarter.class);
    private static volatile Engine engine;

    private OrtEngineStarter() {
    }

    /**
     * ONNX Runtime 1.29 kills the JVM (SIGSEGV, no error file) while starting when the process
     * command line is longer than about 3,900 characters, whichever argument makes it long (a long
     * {@code -cp} is the usual one). The warning names the cause before that happens.
     */
    private static void warnOfLongCommandLine() {
        // The JDK reads at most 4,096 characters of the command line, enough to see the danger.
        int length = ProcessHandle.current().info().commandLine().map(String::length).orElse(0);
        if (length > LONG_COMMAND_LINE) {
            LOG.warn("this JVM's command line is {}{} characters long; ONNX Runtime 1.29 crashes the JVM (SIGSEGV) "
                    + "at start-up above about 3,900: put the class path in a manifest jar or an @argfile", length,
                    length >= 4_096 ? "+" : "");
        }
    }

    /** Returns the ONNX Runtime engine, starting it on the first call. */
    public static Engine engine() {
        Engine started = engine;
        if (started != null) {
            return started;
        }
        synchronized (OrtEngineStarter.class) {
            if (engine == null) {
                warnOfLongCommandLine();
                // Always offline: the runtime never downloads models or phones home.
                System.setProperty("ai.djl.offline", "true");
                System.setProperty("OPT_OUT_TRACKING", "true");
                engine = Engine.getEngine(ENGINE_NAME);
            }
            return engine;
        }
    }
}
