package org.flar.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestEscape;
import org.flar.format.ManifestReader;
import org.flar.fs.Posix;
import org.flar.identity.bundle.BundleWriter;
import org.flar.identity.bundle.IdentityBundle;
import org.flar.identity.bundle.Reconfigurer;
import org.flar.identity.profile.PathGlob;
import org.flar.identity.profile.ProfileChoice;
import org.flar.progress.Progress;

/**
 * A differential deployed onto a clone: the master's identity files it carries (its host name,
 * its grown logs) are not the clone's. Before the differential, the clone's own versions of
 * every identity path the differential touches are saved in a bundle; after it, they are put
 * back and what the differential added there is removed. The drift check does not count those
 * paths either ({@code ChainDeploy.leaveToClone}).
 */
final class CloneIdentityKeeper {
    private final Path target;
    private final ProfileChoice profile;
    private final Progress progress;
    private Path bundle;
    private int kept;

    CloneIdentityKeeper(Path target, ProfileChoice profile, Progress progress) {
        this.target = target;
        this.profile = profile;
        this.progress = progress;
    }

    boolean covers(String rel) {
        return profile.profile().covering(rel, profile.family()) != null;
    }

    /** Before the differential: save the clone's own identity files it touches. */
    void before(FlashArchiveReader archive) throws IOException {
        TreeSet<String> touched = new TreeSet<>();
        for (String section : new String[] {FlashArchive.MANIFEST, FlashArchive.BASE}) {
            if (!archive.hasSection(section)) {
                continue;
            }
            try (InputStream in = archive.sectionStream(section);
                 ManifestReader m = new ManifestReader(in, archive.name() + " (" + section + ")", -1)) {
                for (ManifestEntry e; (e = m.next()) != null; ) {
                    if (!e.path().equals(".") && covers(e.path())) {
                        touched.add(e.path());
                    }
                }
            }
        }
        if (archive.hasSection(FlashArchive.DELETIONS)) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(archive.sectionStream(FlashArchive.DELETIONS),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String rel = ManifestEscape.unescape(line, "path");
                    if (covers(rel)) {
                        touched.add(rel);
                    }
                }
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        bundle = Files.createTempFile(".flar-clone-identity-", ".bundle");
        List<String> created = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        TreeSet<String> dirs = new TreeSet<>();
        try (BundleWriter w = new BundleWriter(bundle)) {
            for (String rel : touched) {
                int slash = rel.lastIndexOf('/');
                if (slash > 0 && PathGlob.isRealDirectoryChain(target, rel.substring(0, slash))) {
                    dirs.add(rel.substring(0, slash));
                }
            }
            for (String d : dirs) {
                w.save(target, d);
            }
            for (String rel : touched) {
                changes.add("keep " + profile.profile().covering(rel, profile.family()).name() + " "
                        + ManifestEscape.escape(rel, "path"));
                if (exists(rel)) {
                    w.save(target, rel);
                } else {
                    created.add(rel);
                }
            }
            w.finish(null, profile.profile().name(), profile.family(), changes, created, List.of());
        }
        kept = touched.size();
    }

    /** After the differential: the clone's own identity files back, the master's removed. */
    void after() throws IOException {
        if (bundle == null) {
            return;
        }
        try {
            new Reconfigurer(progress).restore(target, IdentityBundle.open(bundle), null, true);
            progress.warning(kept + " identity path(s) of the differential left to the clone (its own kept)");
        } finally {
            Files.deleteIfExists(bundle);
            bundle = null;
        }
    }

    int kept() {
        return kept;
    }

    private boolean exists(String rel) throws IOException {
        try {
            Posix.lstat(target.resolve(rel));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
