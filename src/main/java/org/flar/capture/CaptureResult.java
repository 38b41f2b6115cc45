package org.flar.capture;

/**
 * What a capture did, for the summary line and --json.
 *
 * @param entries       entries archived
 * @param bytes         bytes of file content read
 * @param filesRead     regular files whose content was read
 * @param changed       files that changed while they were read
 * @param storedSize    bytes of the archive section as stored
 * @param archiveId     SHA-256 of the stored archive section
 */
public record CaptureResult(long entries, long bytes, long filesRead, long changed, long storedSize,
                            String archiveId) {
}
