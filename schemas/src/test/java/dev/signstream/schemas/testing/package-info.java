/**
 * Test support shared through the schemas test jar: an in-memory schema registry
 * ({@link dev.signstream.schemas.testing.InMemoryRegistry}) behind the real serdes, so that topology
 * tests run in milliseconds without a registry process. Tests that need the real Apicurio registry
 * (wire format, compatibility, credentials, the roles on a broker) keep using it.
 */
package dev.signstream.schemas.testing;
