package org.flar.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A failed system call, with its errno so callers can tell "no such attribute" (ENODATA) or "file
 * system cannot store this" (EOPNOTSUPP) from real failures. ENOENT and EEXIST are thrown as
 * {@link NoSuchFileException} and {@link FileAlreadyExistsException} instead, because that is what
 * NIO code already catches. Errno values are those of Linux' asm-generic table (x86_64, aarch64).
 */
public class PosixException extends FileSystemException {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ENXIO = 6;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ERANGE = 34;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;

    private final int errno;
    private final String message;

    PosixException(String file, String reason, int errno, String message) {
        super(file, null, reason);
        this.errno = errno;
        this.message = message;
    }

    public int errno() {
        return errno;
    }

    /** "CALL PATH [DETAIL]: REASON", the way the C tools word it, rather than NIO's "PATH: REASON". */
    @Override
    public String getMessage() {
        return message;
    }

    static IOException of(int errno, String reason, String call, String file, String detail) {
        String message = call + " " + file + (detail == null ? "" : " " + detail) + ": " + reason;
        return switch (errno) {
            case ENOENT -> new Missing(file, reason, message);
            case EEXIST -> new Exists(file, reason, message);
            default -> new PosixException(file, reason, errno, message);
        };
    }

    private static final class Missing extends NoSuchFileException {
        private final String message;

        Missing(String file, String reason, String message) {
            super(file, null, reason);
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    private static final class Exists extends FileAlreadyExistsException {
        private final String message;

        Exists(String file, String reason, String message) {
            super(file, null, reason);
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
