package org.flar.capture;

/**
 * What a capture did, for the summary line and --json.
 *
 * @param entries       entries archived (in the payload)
 * @param bytes         bytes of file content read
 * @param filesRead     regular files whose content was read
 * @param changed       files that changed while they were read
 * @param storedSize    bytes of the archive section as stored
 * @param archiveId     SHA-256 of the stored archive section
 * @param unchanged     differential: entries left out because they equal the base
 * @param metadataOnly  differential: files whose metadata changed but not their content, carried without it
 * @param deleted       differential: entries of the base gone from the source
 * @param stateSha256   SHA-256 of the resulting state's manifest (state_sha256)
 */
public record CaptureResult(long entries, long bytes, long filesRead, long changed, long storedSize,
                            String archiveId, long unchanged, long metadataOnly, long deleted, String stateSha256) {
}
