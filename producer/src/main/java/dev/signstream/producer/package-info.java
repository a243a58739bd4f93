/**
 * The camera side of SignStream: sources (video files, V4L2 devices, network streams, the
 * synthetic signer's live sessions) sampled to the model's frame rate, centre-cropped to its
 * square, encoded and chunked into {@link dev.signstream.schemas.avro.FrameChunk}s on Kafka.
 *
 * <p>{@link dev.signstream.producer.FrameProducer} runs the sessions against any chunk sink;
 * {@link dev.signstream.producer.kafka.KafkaFrameProducer} wires it to a cluster.
 */
package dev.signstream.producer;
