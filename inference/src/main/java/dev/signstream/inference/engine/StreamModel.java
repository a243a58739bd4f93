package dev.signstream.inference.engine;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.signstream.inference.decoder.WordDecoder;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.model.InvalidModelException;
import dev.signstream.inference.model.ModelFolder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.model.StateSpec;
import dev.signstream.inference.state.StateCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded stream model: the checked model folder plus the ONNX Runtime session behind DJL. Hands out
 * {@link StreamPredictor}s (one per thread), the {@link StateCodec}, the {@link WordDecoder} with the
 * manifest's thresholds, and frame decoders and blocks of the model's input size. Thread-safe.
 */
public final class StreamModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamModel.class);

    private final ModelFolder folder;
    private final RuntimeOptions options;
    private final Model model;
    private final WordDecoder decoder;
    private final StateCodec codec;

    private StreamModel(ModelFolder folder, RuntimeOptions options, Model model, WordDecoder decoder) {
        this.folder = folder;
        this.options = options;
        this.model = model;
        this.decoder = decoder;
        this.codec = new StateCodec(folder.manifest(), decoder);
    }

    /** Loads a model folder with the manifest's decoder thresholds. */
    public static StreamModel load(Path directory, RuntimeOptions options) {
        return load(directory, options, Map.of());
    }

    /**
     * Loads a model folder, checks it against the contract and runs one warm-up step that checks the
     * graph's outputs.
     *
     * @param decoderOverrides decoder thresholds that replace the manifest's (same keys)
     * @throws dev.signstream.inference.model.InvalidModelException if the folder or graph breaks the contract
     * @throws DeviceUnavailableException if the device cannot be used
     */
    public static StreamModel load(Path directory, RuntimeOptions options, Map<String, ? extends Number> decoderOverrides) {
        ModelFolder folder = ModelFolder.load(directory);
        WordDecoder decoder = WordDecoder.forModel(folder.manifest(), decoderOverrides);
        OrtEngineStarter.engine();
        if (options.device() == Device.GPU) {
            requireCudaBuild();
        }
        Model model = Model.newInstance(folder.manifest().name(),
                options.device() == Device.GPU ? ai.djl.Device.gpu() : ai.djl.Device.cpu(),
                OrtEngineStarter.ENGINE_NAME);
        try {
            model.load(directory, "model", sessionOptions(options));
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            if (options.device() == Device.GPU) {
                throw new DeviceUnavailableException("CUDA could not run " + folder.onnxFile() + ": " + rootMessage(e)
                        + " (ONNX Runtime's CUDA provider needs a GPU with CUDA 12 and cuDNN 9 libraries)", e);
            }
            throw new InvalidModelException(
                    "ONNX Runtime cannot load " + folder.onnxFile() + ": " + rootMessage(e), e);
        }
        StreamModel loaded = new StreamModel(folder, options, model, decoder);
        try {
            loaded.checkGraph();
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
        ModelManifest m = folder.manifest();
        LOG.info("loaded model {} version {} ({}x{}, {} classes, {} state tensors, {} bytes of state per session) on {}",
                m.name(), m.version(), m.width(), m.height(), m.classes(), m.states().size(),
                loaded.codec.layout().storedBytes(), options.device());
        return loaded;
    }

    private static void requireCudaBuild() {
        EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
        if (!providers.contains(OrtProvider.CUDA)) {
            throw new DeviceUnavailableException("device gpu needs ONNX Runtime's CUDA build, but this one offers only "
                    + providers + ". Build with the Maven profile 'gpu' (mvn -Pgpu ..., artifact onnxruntime_gpu) and run "
                    + "on a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9; or use device cpu.");
        }
    }

    private static Map<String, String> sessionOptions(RuntimeOptions options) {
        Map<String, String> map = new HashMap<>();
        if (options.intraOpThreads() > 0) {
            map.put("intraOpNumThreads", Integer.toString(options.intraOpThreads()));
        }
        if (options.interOpThreads() > 0) {
            map.put("interOpNumThreads", Integer.toString(options.interOpThreads()));
        }
        return map;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    /** Checks the graph's inputs by name, then one zero step checks every output's name and size. */
    private void checkGraph() {
        ModelManifest m = manifest();
        List<String> expected = new ArrayList<>();
        expected.add(m.inputName());
        for (StateSpec spec : m.states()) {
            expected.add(spec.name());
        }
        TreeSet<String> actual = new TreeSet<>(model.getBlock().describeInput().keys());
        if (!actual.equals(new TreeSet<>(expected))) {
            throw new InvalidModelException(folder.onnxFile() + " has inputs " + actual
                    + " but the manifest describes " + new TreeSet<>(expected));
        }
        try (StreamPredictor predictor = newPredictor()) {
            FrameBlock block = newFrameBlock(1);
            new FrameDecoder(m.width(), m.height()).appendRgb(new byte[m.width() * m.height() * 3], 0, block);
            predictor.step(codec.newState(), block);
        }
    }

    public ModelManifest manifest() {
        return folder.manifest();
    }

    public ModelFolder folder() {
        return folder;
    }

    public RuntimeOptions options() {
        return options;
    }

    /** The state codec of this model (thread-safe). */
    public StateCodec stateCodec() {
        return codec;
    }

    /** The word decoder with this model's thresholds (thread-safe). */
    public WordDecoder wordDecoder() {
        return decoder;
    }

    /** A new predictor; use each from one thread only, and close it. */
    public StreamPredictor newPredictor() {
        return new StreamPredictor(model, manifest(), codec.layout());
    }

    /** A decoder for frames of this model's input size (one per thread). */
    public FrameDecoder newFrameDecoder() {
        return new FrameDecoder(manifest().width(), manifest().height());
    }

    /** A frame block of this model's input size holding up to {@code capacity} frames. */
    public FrameBlock newFrameBlock(int capacity) {
        return new FrameBlock(manifest().width(), manifest().height(), capacity);
    }

    @Override
    public void close() {
        model.close();
    }
}
