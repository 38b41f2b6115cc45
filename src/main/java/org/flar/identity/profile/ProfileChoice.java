package org.flar.identity.profile;

import java.io.IOException;
import java.nio.file.Path;

/** The profile for a root: the one asked for, or the built-in one of the root's OS family. */
public record ProfileChoice(Profile profile, String family) {

    /**
     * @param spec a built-in name or a profile file, or null to detect; a root that is not an
     *             OS root is refused unless one is given (IllegalArgumentException naming it)
     */
    public static ProfileChoice forRoot(Path root, String spec) throws IOException {
        ProfileChoice c = ifOsRoot(root, spec);
        if (c == null) {
            throw new IllegalArgumentException(root + ": not an OS root (no etc/os-release or usr/lib/os-release, "
                    + "no Solaris etc/release with etc/vfstab); give --profile to unconfigure it anyway");
        }
        return c;
    }

    /** As {@link #forRoot}, but null for a root that is not an OS root when no profile is given: one look at the root. */
    public static ProfileChoice ifOsRoot(Path root, String spec) throws IOException {
        String family = OsFamily.detect(root);
        if (spec != null) {
            return new ProfileChoice(Profile.load(spec), family);
        }
        return family == null ? null : new ProfileChoice(Profile.builtIn(family), family);
    }
}
