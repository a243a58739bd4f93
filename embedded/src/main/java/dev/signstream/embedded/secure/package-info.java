/**
 * A secured embedded broker: its own certificate authority ({@link
 * dev.signstream.embedded.secure.CertificateAuthority}), SASL_SSL with SCRAM-SHA-512 and mutual TLS
 * listeners ({@link dev.signstream.embedded.secure.BrokerSecurity}), a user per
 * {@link dev.signstream.embedded.secure.Role} with least-privilege ACLs
 * ({@link dev.signstream.embedded.secure.RoleAcls}), and the client properties files the roles log
 * in with ({@link dev.signstream.embedded.secure.SecureCredentials}).
 */
package dev.signstream.embedded.secure;
