/**
 * Capture threads: files, devices and streams through {@link dev.signstream.media.VideoInput}
 * with capture-time mapping and sampling, and the synthetic signer's live cameras.
 */
package dev.signstream.producer.source;
