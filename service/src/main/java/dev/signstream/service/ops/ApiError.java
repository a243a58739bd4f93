package dev.signstream.service.ops;

/**
 * The JSON body of every error answer: {@code {"status":404,"error":"..."}}. Never a stack trace.
 *
 * @param status the HTTP status code
 * @param error what went wrong, in words a client can act on
 */
public record ApiError(int status, String error) {
}
