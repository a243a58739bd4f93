package dev.signstream.sink.view;

/**
 * Receives a session's lines as the view applies them. Called on the view's thread with the
 * session locked: implementations must only hand the line on (queue it), never block.
 */
@FunctionalInterface
public interface CaptionListener {

    /**
     * @param line the new or updated line
     * @param json the line as JSON, serialized once for every listener
     */
    void onLine(CaptionLine line, String json);
}
