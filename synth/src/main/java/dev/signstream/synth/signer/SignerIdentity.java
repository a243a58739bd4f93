package dev.signstream.synth.signer;

import java.util.Locale;

/**
 * One synthetic person: a readable id such as {@code test-s0012} and the seed their looks and
 * habits are drawn from.
 *
 * @param id     pool key and index, e.g. {@code train-s0003}
 * @param pool   the pool the signer belongs to
 * @param index  index within the pool
 * @param seed   seed of the signer's {@link SignerProfile}
 */
public record SignerIdentity(String id, SignerPool pool, int index, long seed) {

    /** The {@code index}-th signer of {@code pool} in a corpus or run made with {@code baseSeed}. */
    public static SignerIdentity of(SignerPool pool, int index, long baseSeed) {
        int number = pool.number(index);
        String id = String.format(Locale.ROOT, "%s-s%04d", pool.key(), index);
        return new SignerIdentity(id, pool, index, Seeds.derive(baseSeed, 0x5167E2L, number));
    }
}
