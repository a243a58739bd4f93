package dev.signstream.sink.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Lets clients that take anything ({@code curl}'s {@code Accept: *}{@code /*}, {@code text/*}, or
 * no Accept header) have the server-sent event stream: Javalin's SSE handler serves only requests
 * whose Accept header names {@code text/event-stream}, so for them it is named. A client that asks
 * for something else only (say {@code application/json}) still gets 406.
 */
final class EventStreamAccept implements Filter {

    private static final String EVENT_STREAM = "text/event-stream";

    private EventStreamAccept() {
    }

    /** Adds the filter in front of the session routes. */
    static void install(ServletContextHandler handler) {
        handler.addFilter(new FilterHolder(new EventStreamAccept()), "/sessions/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /** No Accept header, or one that admits text/event-stream. */
    static boolean admitsEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(EVENT_STREAM) || type.equals("text/*") || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && http.getRequestURI().endsWith("/events")
                && admitsEventStream(http.getHeader("Accept"))) {
            chain.doFilter(new AcceptsEventStream(http), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The request as if it had said {@code Accept: text/event-stream}. */
    private static final class AcceptsEventStream extends HttpServletRequestWrapper {
        AcceptsEventStream(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? EVENT_STREAM : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(EVENT_STREAM))
                    : super.getHeaders(name);
        }
    }
}
