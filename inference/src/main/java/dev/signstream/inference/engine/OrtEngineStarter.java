package dev.signstream.inference.engine;

import ai.djl.engine.Engine;

/**
 * Starts DJL's ONNX Runtime engine the safe way, once per JVM: offline mode first (otherwise DJL
 * asks the AWS metadata address at engine load), then the DJL engine before anything touches
 * {@code OrtEnvironment} (otherwise DJL fails with "thread pool already exists").
 */
public final class OrtEngineStarter {

    public static final String ENGINE_NAME = "OnnxRuntime";
    private static volatile Engine engine;

    private OrtEngineStarter() {
    }

    /** Returns the ONNX Runtime engine, starting it on the first call. */
    public static Engine engine() {
        Engine started = engine;
        if (started != null) {
            return started;
        }
        synchronized (OrtEngineStarter.class) {
            if (engine == null) {
                // Always offline: the runtime never downloads models or phones home.
                System.setProperty("ai.djl.offline", "true");
                System.setProperty("OPT_OUT_TRACKING", "true");
                engine = Engine.getEngine(ENGINE_NAME);
            }
            return engine;
        }
    }
}
