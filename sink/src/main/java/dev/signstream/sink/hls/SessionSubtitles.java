package dev.signstream.sink.hls;

import dev.signstream.sink.format.Cue;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.view.CaptionLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One session's subtitle segments: consecutive spans of capture time, each published once, in
 * order, and never changed after; none longer than the segment duration.
 *
 * <p><b>Where segments are cut.</b> A final sentence cuts the current segment at once, at its
 * sign end: everything before it is known (sentences come one after the other), so its cues go
 * out as soon as they exist. In between, segments are cut on the grid of the segment duration
 * (programme time), once the clock is the hold past a grid point (a sign underway there has had
 * time to arrive as a word) and no open sentence started before it; an open sentence holds the
 * grid cut after its start at most one segment and the hold. A segment longer than the segment
 * duration is cut into several.
 *
 * <p><b>What goes in a segment.</b> Every final cue that overlaps it, with its true times, so a
 * cue spanning segments is in each with the same times (players show it once). A cue that ends
 * before the published part of the timeline (its sentence came after a cut that a long open
 * sentence forced) is shown late: moved to start where the published part ends. Partials never
 * appear. The session's end marker publishes the rest and ends the playlist.
 *
 * <p>The clock is the timestamp of each record as it is applied, and the wall clock in the
 * periodic check: two sink instances reading the same topic build the same segments, unless a
 * record is read later than {@link HlsSettings#SETTLE} after a grid cut was due. Not thread-safe:
 * the {@link SubtitleFeed} calls it under the session's lock.
 */
final class SessionSubtitles {

    /** What the session reports as it goes. */
    interface Events {
        void segmentPublished(String sessionId, SubtitleSegment segment);

        /** A sentence's first cue was published (for the sign end -> segment published delay). */
        void sentencePublished(String sessionId, int sentenceIndex, long signEndUs);

        void cuePlaced(String sessionId, Cue cue, boolean late);

        void finalAfterEnd(String sessionId, int sentenceIndex);
    }

    /** The shortest segment a final cuts (a cue shown late needs a span to start in). */
    static final long MIN_SEGMENT_US = 100_000;

    private final String sessionId;
    private final HlsSettings settings;
    private final CueLayout layout;
    private final Events events;
    private final long localOriginUs;
    private final List<Cue> active = new ArrayList<>();
    private final Set<Integer> finals = new HashSet<>();
    private final Set<Integer> announced = new HashSet<>();
    private final ArrayDeque<SubtitleSegment> published = new ArrayDeque<>();
    private long cutUs;
    private long nextSequence;
    private int openIndex = -1;
    private long openStartUs;
    private boolean ended;

    /**
     * @param firstStartUs capture time the session's first known sentence starts: the grid point
     *     at or before it starts the first segment
     */
    SessionSubtitles(String sessionId, long firstStartUs, HlsSettings settings, CueLayout layout, Events events) {
        this.sessionId = sessionId;
        this.settings = settings;
        this.layout = layout;
        this.events = events;
        this.localOriginUs = gridAtOrBefore(firstStartUs);
        this.cutUs = localOriginUs;
    }

    /** Applies a line read from the sentences topic at {@code clockUs} (its record timestamp). */
    void line(CaptionLine line, long clockUs) {
        seal(clockUs);
        int index = line.sentenceIndex();
        if (ended) {
            if (line.isFinal() && finals.add(index)) {
                events.finalAfterEnd(sessionId, index);
            }
            return;
        }
        if (!line.isFinal()) {
            if (!finals.contains(index) && index >= openIndex) {
                openIndex = index;
                openStartUs = line.startTimeUs();
            }
            return;
        }
        if (!finals.add(index)) {
            return;
        }
        if (index == openIndex) {
            openIndex = -1;
        }
        long cutAt = Math.max(line.endTimeUs(), cutUs + MIN_SEGMENT_US);
        for (Cue cue : layout.sentence(line)) {
            boolean late = cue.endUs() <= cutUs;
            Cue placed = late ? cue.shiftedTo(cutUs) : cue;
            active.add(placed);
            events.cuePlaced(sessionId, placed, late);
            cutAt = Math.max(cutAt, Math.min(placed.startUs() + 1, placed.endUs()));
        }
        // whole milliseconds, as the playlist and the segments write times
        cutTo(Math.floorDiv(cutAt + 999, 1000) * 1000);
        seal(clockUs);
    }

    /** The session's end marker: the rest is published now. */
    void end(long clockUs) {
        seal(clockUs);
        if (ended) {
            return;
        }
        ended = true;
        openIndex = -1;
        long last = active.stream().mapToLong(Cue::endUs).max().orElse(cutUs);
        if (nextSequence == 0) {
            last = Math.max(last, nextGridAfter(cutUs));
        }
        cutTo(last);
    }

    /** The periodic check, on the wall clock. */
    void tick(long nowUs) {
        seal(nowUs - HlsSettings.SETTLE.toNanos() / 1000);
    }

    /** The segments the playlist lists now (the last {@link HlsSettings#playlistSegments()}). */
    List<SubtitleSegment> playlist() {
        List<SubtitleSegment> all = new ArrayList<>(published);
        return all.subList(Math.max(0, all.size() - settings.playlistSegments()), all.size());
    }

    /** A published segment still held (the playlist's and as many before them). */
    Optional<SubtitleSegment> segment(long sequence) {
        return published.stream().filter(s -> s.sequence() == sequence).findFirst();
    }

    /** The next sequence number to be published. */
    long nextSequence() {
        return nextSequence;
    }

    /** Whether the session has ended and everything is published. */
    boolean complete() {
        return ended;
    }

    /** Grid cuts that are due at {@code clockUs}. */
    private void seal(long clockUs) {
        if (ended) {
            return;
        }
        skipEmptyPast(clockUs);
        while (true) {
            long grid = nextGridAfter(cutUs);
            if (clockUs < grid + settings.holdUs()) {
                return;
            }
            boolean held = openIndex >= 0 && openStartUs < grid;
            if (held && clockUs < grid + settings.segmentUs() + settings.holdUs()) {
                return;
            }
            publish(grid);
        }
    }

    /**
     * Far behind (a restart, a replay of an old recording), grid segments that would fall out of
     * the held ones at once are counted rather than made, if nothing could be in them.
     */
    private void skipEmptyPast(long clockUs) {
        long target = gridAtOrBefore(clockUs - settings.holdUs()) - 2L * settings.playlistSegments() * settings.segmentUs();
        if (target <= cutUs || cutUs != gridAtOrBefore(cutUs) || !active.isEmpty()
                || (openIndex >= 0 && openStartUs < target)) {
            return;
        }
        nextSequence += (target - cutUs) / settings.segmentUs();
        cutUs = target;
    }

    /** Publishes segments up to {@code targetUs}, none longer than the segment duration nor across a grid point. */
    private void cutTo(long targetUs) {
        while (cutUs < targetUs) {
            publish(Math.min(targetUs, nextGridAfter(cutUs)));
        }
    }

    private void publish(long endUs) {
        long startUs = cutUs;
        List<Cue> cues = new ArrayList<>();
        for (Cue cue : active) {
            if (cue.startUs() < endUs && cue.endUs() > startUs) {
                cues.add(cue);
            }
        }
        SubtitleSegment segment = new SubtitleSegment(nextSequence++, startUs, endUs - startUs,
                SegmentWriter.render(startUs, localOriginUs, settings.timeline(), cues));
        published.addLast(segment);
        while (published.size() > 2 * settings.playlistSegments()) {
            published.removeFirst();
        }
        cutUs = endUs;
        active.removeIf(cue -> cue.endUs() <= endUs);
        events.segmentPublished(sessionId, segment);
        for (Cue cue : cues) {
            if (announced.add(cue.sentenceIndex())) {
                events.sentencePublished(sessionId, cue.sentenceIndex(), cue.signEndUs());
            }
        }
    }

    /** The first grid point (a multiple of the segment duration in programme time) after {@code captureUs}. */
    private long nextGridAfter(long captureUs) {
        return gridAtOrBefore(captureUs) + settings.segmentUs();
    }

    private long gridAtOrBefore(long captureUs) {
        Timeline timeline = settings.timeline();
        long segment = settings.segmentUs();
        return timeline.captureUs(Math.floorDiv(timeline.programmeUs(captureUs), segment) * segment);
    }
}
