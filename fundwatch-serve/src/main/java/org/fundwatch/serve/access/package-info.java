/**
 * The service's edge (准入): API keys per calling institution, the rule that an institution submits and reads only
 * its own data, a token-bucket rate limit per key, the body-size limit checked before anything is parsed, the
 * structured access log (no personal data), and the handler that turns every failure into a national envelope.
 * Values are non-null unless a parameter or result is an {@link java.util.Optional}.
 */
package org.fundwatch.serve.access;
