package org.flar.location.s3;

import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** An S3 request that failed, in the user's words: which bucket or key, and why. */
final class S3Failure extends IOException {
    private final boolean isTransient;

    private S3Failure(String message, boolean isTransient, Throwable cause) {
        super(message, cause);
        this.isTransient = isTransient;
    }

    boolean isTransient() {
        return isTransient;
    }

    /** No such bucket or key: final, exit 1 like a missing file. */
    static S3Failure missing(String message, Throwable cause) {
        return new S3Failure(message, false, cause);
    }

    /** @param what the location or bucket the request was about */
    static S3Failure of(String what, SdkException e) {
        if (e instanceof S3Exception s) {
            int status = s.statusCode();
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            String why = switch (status) {
                case 404 -> "NoSuchBucket".equals(code) ? "no such bucket" : "not found (no such key, or no such bucket)";
                case 403 -> "access denied: wrong credentials or no permission" + (code == null ? "" : " (" + code + ")");
                case 412 -> "the object changed while it was read (its ETag differs); read it again";
                default -> status + (code == null ? "" : " " + code) + ": " + firstLine(s.getMessage());
            };
            return new S3Failure(what + ": " + why, status >= 500 || status == 429, e);
        }
        // Connection refused, reset, timed out, no credentials found: the SDK's client-side errors.
        boolean retry = e instanceof SdkClientException && e.retryable() || e.getCause() instanceof IOException;
        return new S3Failure(what + ": " + firstLine(e.getMessage()), retry, e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "failed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
