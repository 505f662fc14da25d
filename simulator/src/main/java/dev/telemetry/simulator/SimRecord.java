package dev.telemetry.simulator;

/**
 * One record as it goes to Kafka or a file: key = device id, timestamp = event time, payload = the
 * JSON bytes (possibly deliberately corrupted). Payloads never contain a line break, so a file of
 * records is valid JSON Lines.
 *
 * @param key device id (Kafka record key)
 * @param timestamp event time in epoch ms (Kafka record timestamp)
 * @param payload UTF-8 bytes of one line
 */
public record SimRecord(String key, long timestamp, byte[] payload) {}
