package dev.signstream.media;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Turns JavaCV's exception texts ({@code avformat_open_input() error -110: Could not open input
 * "rtsp://user:pw@host/x". (Has setFormat() been called?) ...}) into FFmpeg's own short reason,
 * e.g. {@code Connection timed out (FFmpeg error -110)}; where FFmpeg has no text for the code, the
 * message without JavaCV's "(Has setFormat() been called?)". Besides being clearer, this keeps
 * passwords in URLs out of messages and logs.
 */
final class FfmpegErrors {

    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");

    private FfmpegErrors() {
    }

    /** FFmpeg's reason for the error in a JavaCV message, or the message with URLs redacted. */
    static String reason(Exception error) {
        String message = String.valueOf(error.getMessage());
        Matcher code = ERROR_CODE.matcher(message);
        if (code.find()) {
            int value = Integer.parseInt(code.group(1));
            try (BytePointer text = new BytePointer(256)) {
                if (avutil.av_strerror(value, text, 256) == 0) {
                    // the buffer is a C string: read up to its terminating NUL, not the whole buffer
                    byte[] bytes = new byte[256];
                    text.get(bytes);
                    int length = 0;
                    while (length < bytes.length && bytes[length] != 0) {
                        length++;
                    }
                    return new String(bytes, 0, length, StandardCharsets.UTF_8) + " (FFmpeg error " + value + ")";
                }
            }
        }
        // JavaCV's guess for every failed open is noise when the format was never the problem
        return message.replace(" (Has setFormat() been called?)", "")
                .replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s\"]*@", "$1***@");
    }
}
