package dev.signstream.synth.corpus;

import dev.signstream.media.Mp4Settings;
import dev.signstream.media.Mp4Writer;
import dev.signstream.synth.perform.FrameClock;
import dev.signstream.synth.render.SignerRenderer;
import dev.signstream.synth.sign.Pose;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;

/** Renders a planned clip frame by frame, to a consumer or straight into an MP4 file. */
public final class ClipRenderer {

    private ClipRenderer() {
    }

    /**
     * Renders every frame of {@code plan} in order; {@code frames} gets the RGB24 buffer (reused:
     * copy it to keep it) and the frame index.
     */
    public static void render(ClipPlan plan, ObjIntConsumer<byte[]> frames) {
        byte[] rgb = new byte[plan.size() * plan.size() * 3];
        Pose pose = new Pose();
        try (SignerRenderer renderer = new SignerRenderer(plan.size(), plan.signer(), plan.scene())) {
            int count = plan.frames();
            for (int i = 0; i < count; i++) {
                double time = FrameClock.timeOf(i, plan.fps());
                plan.clip().timeline().poseAt(time, pose);
                renderer.render(pose, time, i, rgb);
                frames.accept(rgb, i);
            }
        }
    }

    /** Renders the clip into {@code file}, encoded with the scene's quantiser; returns the frame count. */
    public static int renderToMp4(ClipPlan plan, Path file) {
        try (Mp4Writer writer = Mp4Writer.open(file, plan.size(), plan.size(), Mp4Settings.of(plan.fps(), plan.scene().qscale()))) {
            render(plan, (rgb, i) -> writer.write(rgb));
            return writer.framesWritten();
        }
    }
}
