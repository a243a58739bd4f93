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
import java.util.TreeMap;

/**
 * One session's subtitle segments: windows of the segment duration on the programme timeline,
 * each published once, in order, and never changed after.
 *
 * <p><b>What goes in a window.</b> A final sentence's cues go into every window they overlap that
 * is not published yet, with their true times (a cue spanning two windows is in both, with the
 * same times). A final that comes after every window it overlaps was published is shown late: its
 * cues move to the start of the first unpublished window. Partials never appear.
 *
 * <p><b>When a window is published</b>, never before its end, at the first of:
 * <ul>
 *   <li>it is complete: no sentence that could still overlap it is open (the open sentence, if
 *       any, starts after the window);</li>
 *   <li>a cue in it has waited its share: its sign end + one segment + the hold;</li>
 *   <li>one segment and the hold have passed since the window ended (a sentence signed on and
 *       on, or one whose final is slow to come);</li>
 *   <li>the session has ended (then every window up to the last cue is published at once).</li>
 * </ul>
 * The clock is the timestamp of each record as it is applied, and the wall clock in the periodic
 * check: two sink instances reading the same topic therefore build the same segments, unless a
 * record is read later than {@link HlsSettings#SETTLE} after its window's deadline.
 *
 * <p>Not thread-safe: the {@link SubtitleFeed} calls it under the session's lock.
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

    private final String sessionId;
    private final HlsSettings settings;
    private final CueLayout layout;
    private final Events events;
    private final long firstWindow;
    private final long localOriginUs;
    private final TreeMap<Long, List<Cue>> pending = new TreeMap<>();
    private final Set<Integer> finals = new HashSet<>();
    private final Set<Integer> announced = new HashSet<>();
    private final ArrayDeque<SubtitleSegment> published = new ArrayDeque<>();
    private long nextWindow;
    private int openIndex = -1;
    private long openStartUs;
    private boolean ended;
    private long endWindow;

    /**
     * @param firstStartUs capture time the session's first known sentence starts: its window is
     *     the session's first segment
     */
    SessionSubtitles(String sessionId, long firstStartUs, HlsSettings settings, CueLayout layout, Events events) {
        this.sessionId = sessionId;
        this.settings = settings;
        this.layout = layout;
        this.events = events;
        this.firstWindow = windowOf(firstStartUs);
        this.localOriginUs = windowStart(firstWindow);
        this.nextWindow = firstWindow;
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
            seal(clockUs);
            return;
        }
        if (!finals.add(index)) {
            return;
        }
        if (index == openIndex) {
            openIndex = -1;
        }
        for (Cue cue : layout.sentence(line)) {
            place(cue);
        }
        seal(clockUs);
    }

    /** The session's end marker: every window up to the last cue is published now. */
    void end(long clockUs) {
        seal(clockUs);
        if (ended) {
            return;
        }
        ended = true;
        openIndex = -1;
        endWindow = Math.max(nextWindow - 1, firstWindow);
        if (!pending.isEmpty()) {
            endWindow = Math.max(endWindow, pending.lastKey());
        }
        seal(clockUs);
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
        return nextWindow - firstWindow;
    }

    boolean ended() {
        return ended;
    }

    /** Whether every window up to the session's end is published. */
    boolean complete() {
        return ended && nextWindow > endWindow;
    }

    private void place(Cue cue) {
        long from = windowOf(cue.startUs());
        long to = windowOf(cue.endUs() - 1);
        boolean late = to < nextWindow;
        if (late) {
            cue = cue.shiftedTo(windowStart(nextWindow));
            from = nextWindow;
            to = windowOf(cue.endUs() - 1);
        }
        for (long k = Math.max(from, nextWindow); k <= to; k++) {
            pending.computeIfAbsent(k, w -> new ArrayList<>()).add(cue);
        }
        events.cuePlaced(sessionId, cue, late);
    }

    private void seal(long nowUs) {
        long limit = ended ? endWindow + 1 : windowOf(nowUs);
        skipEmptyPast(limit);
        while (nextWindow < limit && due(nextWindow, nowUs)) {
            publish(nextWindow);
        }
    }

    /**
     * Far behind (a restart, a replay of an old recording), windows that would fall out of the
     * held ones at once are skipped rather than made, if they are empty and no open sentence
     * reaches back into them.
     */
    private void skipEmptyPast(long limit) {
        long target = limit - 2L * settings.playlistSegments();
        if (target <= nextWindow || (!pending.isEmpty() && pending.firstKey() < target)) {
            return;
        }
        if (!ended && openIndex >= 0 && openStartUs < windowStart(target)) {
            return;
        }
        nextWindow = target;
    }

    private boolean due(long window, long nowUs) {
        if (ended) {
            return window <= endWindow;
        }
        long end = windowStart(window + 1);
        if (nowUs < end) {
            return false;
        }
        if (openIndex < 0 || openStartUs >= end) {
            return true;
        }
        List<Cue> cues = pending.get(window);
        if (cues != null) {
            long firstSignEnd = cues.stream().mapToLong(Cue::signEndUs).min().orElseThrow();
            if (nowUs >= firstSignEnd + settings.segmentUs() + settings.holdUs()) {
                return true;
            }
        }
        return nowUs >= end + settings.segmentUs() + settings.holdUs();
    }

    private void publish(long window) {
        List<Cue> cues = pending.remove(window);
        if (cues == null) {
            cues = List.of();
        }
        long start = windowStart(window);
        SubtitleSegment segment = new SubtitleSegment(window - firstWindow, start, windowStart(window + 1) - start,
                SegmentWriter.render(start, localOriginUs, settings.timeline(), cues));
        published.addLast(segment);
        while (published.size() > 2 * settings.playlistSegments()) {
            published.removeFirst();
        }
        nextWindow = window + 1;
        events.segmentPublished(sessionId, segment);
        for (Cue cue : cues) {
            if (announced.add(cue.sentenceIndex())) {
                events.sentencePublished(sessionId, cue.sentenceIndex(), cue.signEndUs());
            }
        }
    }

    private long windowOf(long captureUs) {
        return Math.floorDiv(settings.timeline().programmeUs(captureUs), settings.segmentUs());
    }

    private long windowStart(long window) {
        return settings.timeline().captureUs(window * settings.segmentUs());
    }
}
