package dev.signstream.synth.signer;

import java.util.Locale;

/**
 * Disjoint pools of signer identities. A signer's number is {@code base + index}, so a training
 * signer can never be a test signer: held-out accuracy means accuracy on unseen people.
 * {@link #LIVE} is for live cameras, demos and replay evaluation, unseen by every split.
 */
public enum SignerPool {
    TRAIN(0),
    VAL(100_000),
    TEST(200_000),
    LIVE(300_000);

    /** Signers per pool. */
    public static final int CAPACITY = 100_000;

    private final int base;

    SignerPool(int base) {
        this.base = base;
    }

    /** The name used in ids and folders: {@code train}, {@code val}, {@code test}, {@code live}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code train|val|test|live} (case-insensitive). */
    public static SignerPool parse(String text) {
        for (SignerPool pool : values()) {
            if (pool.key().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return pool;
            }
        }
        throw new IllegalArgumentException("unknown split '" + text + "'; expected train, val, test or live");
    }

    /** The global signer number of the {@code index}-th signer of this pool. */
    public int number(int index) {
        if (index < 0 || index >= CAPACITY) {
            throw new IllegalArgumentException("signer index must be 0.." + (CAPACITY - 1) + ", got " + index);
        }
        return base + index;
    }
}
