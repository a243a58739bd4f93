package dev.signstream.sink.access;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed, expiring caption tokens: JSON Web Tokens with HMAC-SHA256, issuer {@value #ISSUER}, a
 * {@code scope} claim ({@value #VIEWER} with the session id as subject, or {@value #OPERATOR}) and
 * an expiry. Standard JWTs, so a video-call backend can mint viewer tokens itself with any JWT
 * library and the shared secret.
 */
public final class CaptionTokens {

    /** The {@code iss} claim. */
    public static final String ISSUER = "signstream-sink";
    /** Scope of a token for one session's captions. */
    public static final String VIEWER = "viewer";
    /** Scope of a token for everything (the session list, every session). */
    public static final String OPERATOR = "operator";
    private static final String SCOPE = "scope";
    /** Default time to live of a minted token. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(2);
    private static final Duration MAX_TTL = Duration.ofDays(366);

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;

    /** Tokens signed with this secret ({@link TokenSecret}), on the system clock. */
    public CaptionTokens(byte[] secret) {
        this(secret, Clock.systemUTC());
    }

    /** Tokens on a given clock (tests). */
    public CaptionTokens(byte[] secret, Clock clock) {
        if (secret.length < TokenSecret.MIN_BYTES) {
            throw new IllegalArgumentException("a caption token secret needs at least " + TokenSecret.MIN_BYTES + " bytes");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        // BaseVerification takes the clock that decides expiry
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)
                .withClaimPresence(SCOPE).acceptLeeway(0)).build(clock);
    }

    /** A token for one session's captions (events, WebVTT, overlay, and any later feed of that session). */
    public String viewer(String sessionId, Duration ttl) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("a viewer token needs a session id");
        }
        return sign(JWT.create().withSubject(sessionId).withClaim(SCOPE, VIEWER), ttl);
    }

    /** A token for everything: the session list and every session. */
    public String operator(Duration ttl) {
        return sign(JWT.create().withClaim(SCOPE, OPERATOR), ttl);
    }

    private String sign(com.auth0.jwt.JWTCreator.Builder builder, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a token's TTL (time to live) must be positive and at most " + MAX_TTL.toDays() + " days, not " + ttl);
        }
        Instant now = clock.instant();
        return builder.withIssuer(ISSUER).withIssuedAt(now).withExpiresAt(now.plus(ttl)).sign(algorithm);
    }

    /**
     * Checks a token.
     *
     * @throws TokenException when it is malformed, not signed with this secret, or expired
     */
    public Grant verify(String token) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new TokenException("the token has expired");
        } catch (JWTVerificationException e) {
            throw new TokenException("the token is not valid here (malformed, or not signed by this server)");
        }
        if (jwt.getExpiresAtAsInstant() == null) {
            throw new TokenException("the token has no expiry");
        }
        String scope = jwt.getClaim(SCOPE).asString();
        if (OPERATOR.equals(scope)) {
            return new Grant(Optional.empty(), jwt.getExpiresAtAsInstant());
        }
        if (VIEWER.equals(scope) && jwt.getSubject() != null && !jwt.getSubject().isBlank()) {
            return new Grant(Optional.of(jwt.getSubject()), jwt.getExpiresAtAsInstant());
        }
        throw new TokenException("the token has no valid scope");
    }
}
