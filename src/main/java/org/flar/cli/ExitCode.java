package org.flar.cli;

import java.io.IOException;
import org.flar.capture.FileChangedException;
import org.flar.deploy.chain.DriftException;
import org.flar.format.CorruptArchiveException;
import org.flar.fs.UnsafePathException;
import org.flar.identity.bundle.ForeignBundleException;
import org.flar.identity.profile.ProfileSyntaxException;
import org.flar.identity.sysidcfg.SysidcfgException;
import org.flar.scripts.ScriptFailedException;

/** The exit codes flar documents (README, --help), and which failure gives which. */
final class ExitCode {
    static final int OK = 0;
    /** An operation failed: I/O error, missing file, permission. */
    static final int FAILED = 1;
    /** The command line is wrong, or a sysidcfg file given on it. */
    static final int USAGE = 2;
    /** (launcher) no JDK 25, or the build failed. */
    static final int ENVIRONMENT = 3;
    /**
     * The archive is damaged, truncated, or unsafe (would write outside the target), exceeds a
     * limit of the format, or needs a compression or payload format flar cannot read; or a path
     * of the target is a symlink where a directory must be: nothing was written through it.
     */
    static final int BAD_ARCHIVE = 4;
    /** --strict: a file changed while it was captured. */
    static final int CHANGED = 5;
    /**
     * A differential was refused (the target drifted from its base, or the chain is out of order),
     * or an identity bundle that belongs to another archive or root.
     */
    static final int DRIFTED = 6;
    /**
     * A disk layout cannot be recreated (a bad layout section, a disk missing, too small or
     * ambiguous, no LUKS key): nothing was written; or a recovery step failed, and the message
     * says what was done.
     */
    static final int LAYOUT = 7;
    /** A deployment script failed, ran past its time limit, or could not be run. */
    static final int SCRIPT_FAILED = 8;

    private ExitCode() {
    }

    static int of(Throwable e) {
        if (e instanceof CorruptArchiveException || e instanceof UnsafePathException) {
            return BAD_ARCHIVE;
        }
        if (e instanceof FileChangedException) {
            return CHANGED;
        }
        if (e instanceof org.flar.layout.LayoutException) {
            return LAYOUT;
        }
        if (e instanceof DriftException || e instanceof ForeignBundleException) {
            return DRIFTED;
        }
        if (e instanceof ScriptFailedException) {
            return SCRIPT_FAILED;
        }
        if (e instanceof IllegalArgumentException || e instanceof SysidcfgException || e instanceof ProfileSyntaxException
                || e instanceof org.flar.install.InstallSyntaxException) {
            return USAGE;
        }
        if (e instanceof IOException) {
            return FAILED;
        }
        return FAILED;
    }

    static final String HELP = """

            Exit codes:
              0  success (warnings, if any, went to standard error)
              1  failure: I/O error, missing file, permission denied
              2  usage error: bad option or argument, or a bad sysidcfg, profile, rules or
                 template file
              3  no JDK 25 found, or the build failed (the ./flar launcher)
              4  the archive is damaged, truncated, unsafe, over a limit of the format, or needs a
                 compression flar cannot read; or a target path is a symlink where a directory
                 must be. Nothing unverified was put in place, nothing written through a link
              5  with --strict: a file changed while it was captured
              6  a differential was refused, nothing changed: the target drifted from the
                 archive's base, or the archives are out of order; or an identity
                 bundle belongs to another archive or root
              7  a disk layout cannot be recreated, nothing written: a bad layout, a disk
                 missing, too small, ambiguous or holding the media, no LUKS key; or a
                 recovery step failed (the message says what was done and what was not)
              8  a deployment script (or precreation script) failed, ran past its time limit or
                 could not be run; the message names it and its exit status""";
}
