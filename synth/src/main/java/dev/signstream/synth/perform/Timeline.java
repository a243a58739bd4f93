package dev.signstream.synth.perform;

import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.sign.RestPose;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Placed signs in time order, with rest between them. Answers where the hands are and what is
 * being signed at any time. Signs can be appended while a live session runs and old ones
 * discarded, so an hours-long session holds only the signs around "now". Queries are fastest when
 * time moves forward. Not thread-safe.
 */
public final class Timeline {

    private final Deque<PlacedSign> signs = new ArrayDeque<>();
    private final IdleMotion idle;
    private PlacedSign cached;

    public Timeline(IdleMotion idle) {
        this.idle = idle;
    }

    /** Appends a sign; it must not start before the last one ends. */
    public void append(PlacedSign sign) {
        PlacedSign last = signs.peekLast();
        if (last != null && sign.start() < last.end() - 1e-9) {
            throw new IllegalArgumentException("sign " + sign.sign().gloss() + " at " + sign.start()
                    + " s overlaps the previous one, which ends at " + last.end() + " s");
        }
        signs.addLast(sign);
    }

    /** End of the last sign, or 0 when there is none. */
    public double lastSignEnd() {
        PlacedSign last = signs.peekLast();
        return last == null ? 0 : last.end();
    }

    /** Forgets signs that ended before {@code time}. */
    public void discardBefore(double time) {
        while (!signs.isEmpty() && signs.peekFirst().end() <= time) {
            PlacedSign removed = signs.removeFirst();
            if (removed == cached) {
                cached = null;
            }
        }
    }

    /** The signs currently held, in time order. */
    public List<PlacedSign> signs() {
        return new ArrayList<>(signs);
    }

    /** The sign being performed at {@code time}, or null when the hands are at rest. */
    public PlacedSign signAt(double time) {
        if (cached != null && cached.covers(time)) {
            return cached;
        }
        for (PlacedSign sign : signs) {
            if (sign.covers(time)) {
                cached = sign;
                return sign;
            }
            if (sign.start() > time) {
                break;
            }
        }
        return null;
    }

    /** Writes both hands' pose at {@code time} into {@code out}. */
    public void poseAt(double time, Pose out) {
        PlacedSign sign = signAt(time);
        if (sign == null) {
            RestPose.apply(out);
        } else {
            double local = time - sign.start();
            sign.dominant().sample(local, out.dominant());
            sign.nondominant().sample(local, out.nondominant());
        }
        idle.apply(time, out);
    }

    /** The rest pose plus idle drift at {@code time}: what {@link #poseAt} gives outside every sign. */
    public void restPoseAt(double time, Pose out) {
        RestPose.apply(out);
        idle.apply(time, out);
    }
}
