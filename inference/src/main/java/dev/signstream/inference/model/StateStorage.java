package dev.signstream.inference.model;

/** How the session state store keeps a tensor ({@code states[].storage} in the manifest). */
public enum StateStorage {
    FLOAT16(2, "float16"),
    FLOAT32(4, "float32");

    private final int bytesPerElement;
    private final String manifestName;

    StateStorage(int bytesPerElement, String manifestName) {
        this.bytesPerElement = bytesPerElement;
        this.manifestName = manifestName;
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }

    public String manifestName() {
        return manifestName;
    }

    /** Parses {@code float16} or {@code float32}. */
    public static StateStorage parse(String text) {
        for (StateStorage storage : values()) {
            if (storage.manifestName.equals(text)) {
                return storage;
            }
        }
        throw new IllegalArgumentException("unknown state storage '" + text + "', expected float16 or float32");
    }
}
