/**
 * The operations side of a long-running role over HTTP: {@code /health} (200 when every check is
 * up, 503 otherwise) and {@code /metrics} (Prometheus text format from Micrometer), plus JSON error
 * answers without stack traces. {@link dev.signstream.service.ops.OpsRoutes} adds these routes to
 * any Javalin server (the sink's caption server uses it); {@link dev.signstream.service.ops.OpsServer}
 * is a server with only these routes (for roles with no other HTTP surface, like the processor).
 */
package dev.signstream.service.ops;
