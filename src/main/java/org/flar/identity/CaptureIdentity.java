package org.flar.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.flar.capture.IdentityPolicy;
import org.flar.format.FlashArchive;
import org.flar.identity.bundle.BundleWriter;
import org.flar.identity.bundle.IdentitySection;
import org.flar.progress.Progress;

/**
 * The identity side of {@code flar create}. By default the payload is the root as it is and
 * the identity section holds the bundle of the profile's items found (base64 of the bundle
 * file, bound to the archive_id). With scrub, the payload holds the unconfigured state (what
 * the plan deletes is left out, what it edits is captured edited) and there is no identity
 * section: a golden image without secrets. Either way the bundle can also be saved to a file.
 */
public final class CaptureIdentity implements IdentityPolicy {
    private final UnconfigPlan plan;
    private final boolean scrub;
    private final Path saveTo;
    private final Path spoolDir;
    private final Progress progress;
    private final Set<String> deleted = new HashSet<>();
    private final Map<String, byte[]> edited = new HashMap<>();

    /**
     * @param saveTo   also write the bundle here (null: no)
     * @param spoolDir where the bundle is assembled
     */
    public CaptureIdentity(UnconfigPlan plan, boolean scrub, Path saveTo, Path spoolDir, Progress progress) {
        this.progress = progress;
        this.plan = plan;
        this.scrub = scrub;
        this.saveTo = saveTo;
        this.spoolDir = spoolDir;
        for (Change c : plan.changes()) {
            if (c.deletes()) {
                deleted.add(c.path());
            } else {
                edited.put(c.path(), c.newContent());
            }
        }
    }

    @Override
    public boolean leavesOut(String rel) {
        if (!scrub) {
            return false;
        }
        for (String p = rel; ; ) {
            if (deleted.contains(p)) {
                return true;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            p = p.substring(0, slash);
        }
    }

    @Override
    public byte[] replacement(String rel) {
        return scrub ? edited.get(rel) : null;
    }

    @Override
    public byte[] section(String archiveId) throws IOException {
        if (scrub ? saveTo == null : saveTo == null && plan.changes().isEmpty()) {
            return null;
        }
        Path file = Files.createTempFile(spoolDir, ".flar-identity-", ".bundle");
        try {
            try (BundleWriter bundle = new BundleWriter(file)) {
                plan.saveTo(bundle, Unconfigurer.touchedDirectories(plan).keySet());
                bundle.finish(archiveId, plan.profile().name(), plan.family(), plan.changeLines(), java.util.List.of(),
                        java.util.List.of());
            }
            if (saveTo != null) {
                Files.copy(file, saveTo, StandardCopyOption.REPLACE_EXISTING);
            }
            if (scrub) {
                return null;
            }
            long size = Files.size(file);
            if (size * 4 / 3 + size / 57 + 16 > FlashArchive.MAX_USER_SECTION) {
                // Large logs; the payload holds them as captured anyway, so a recovery still works.
                progress.warning("identity section left out: the identity of " + plan.root() + " is " + size
                        + " bytes compressed, more than a section holds (" + FlashArchive.MAX_USER_SECTION
                        + " bytes of base64); the payload has it as captured (--save-identity FILE keeps it apart)");
                return null;
            }
            return IdentitySection.encode(Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
