package dev.signstream.producer;

import dev.signstream.media.VideoInput;
import java.util.Locale;

/**
 * What {@code --source} names: {@code file:PATH}, {@code device:/dev/videoN}, {@code url:URL}
 * or {@code synthetic}.
 *
 * @param kind     the kind of source
 * @param location the path, device node or URL; empty for synthetic
 */
public record SourceSpec(Kind kind, String location) {

    /** The kinds of source. */
    public enum Kind {
        FILE, DEVICE, URL, SYNTHETIC;

        /** Live sources run in real time and drop the oldest frames when Kafka cannot keep up. */
        public boolean live() {
            return this != FILE;
        }
    }

    private static final String FORMS = "use file:PATH, device:/dev/videoN, url:URL (rtsp://, http(s)://, ...) or synthetic";

    public SourceSpec {
        if (kind == null) {
            throw new IllegalArgumentException("a source needs a kind");
        }
        location = location == null ? "" : location;
        if (kind != Kind.SYNTHETIC && location.isBlank()) {
            throw new IllegalArgumentException("source " + kind.name().toLowerCase(Locale.ROOT) + ": needs a "
                    + (kind == Kind.URL ? "URL" : "path") + " after the colon");
        }
    }

    /** Parses a source: {@code file:PATH}, {@code device:PATH}, {@code url:URL} or {@code synthetic}. */
    public static SourceSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the source is empty; " + FORMS);
        }
        if (text.equals("synthetic")) {
            return new SourceSpec(Kind.SYNTHETIC, "");
        }
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        return switch (prefix) {
            case "file" -> new SourceSpec(Kind.FILE, rest);
            case "device" -> new SourceSpec(Kind.DEVICE, rest);
            case "url" -> new SourceSpec(Kind.URL, rest);
            default -> throw new IllegalArgumentException("source '" + VideoInput.redact(text)
                    + "' is not understood; " + FORMS);
        };
    }

    /**
     * Checks what can be checked without opening the source: a file or device node exists.
     *
     * @throws IllegalArgumentException naming the missing path
     */
    public SourceSpec checkExists() {
        if ((kind == Kind.FILE || kind == Kind.DEVICE) && !java.nio.file.Files.exists(java.nio.file.Path.of(location))) {
            throw new IllegalArgumentException("source " + describe() + ": " + VideoInput.describe(videoKind(), location)
                    + " does not exist");
        }
        return this;
    }

    /** The media kind of a video source. */
    public VideoInput.Kind videoKind() {
        return switch (kind) {
            case FILE -> VideoInput.Kind.FILE;
            case DEVICE -> VideoInput.Kind.DEVICE;
            case URL -> VideoInput.Kind.URL;
            case SYNTHETIC -> throw new IllegalStateException("the synthetic source is not a video input");
        };
    }

    /** The {@code source} field of the chunks: the spec as given, with any URL password hidden. */
    public String describe() {
        return switch (kind) {
            case FILE -> "file:" + location;
            case DEVICE -> "device:" + location;
            case URL -> "url:" + VideoInput.redact(location);
            case SYNTHETIC -> "synthetic";
        };
    }
}
