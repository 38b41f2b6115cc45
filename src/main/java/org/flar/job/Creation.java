package org.flar.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flar.baseline.Differ;
import org.flar.baseline.Master;
import org.flar.capture.Capture;
import org.flar.capture.CaptureOptions;
import org.flar.capture.CaptureResult;
import org.flar.capture.ChangeListener;
import org.flar.capture.Differential;
import org.flar.capture.IdentityPolicy;
import org.flar.identity.CaptureIdentity;
import org.flar.identity.UnconfigPlan;
import org.flar.identity.profile.ProfileChoice;
import org.flar.layout.Layout;
import org.flar.layout.LayoutException;
import org.flar.layout.LayoutJson;
import org.flar.layout.LayoutProbe;
import org.flar.location.FileLocation;
import org.flar.location.Location;
import org.flar.progress.Progress;
import org.flar.scripts.ScriptEnvironment;
import org.flar.scripts.ScriptRunner;
import org.flar.scripts.ScriptSource;

/**
 * A capture as {@code flar create} and {@code flar media create -R} decide it: what is captured
 * and how ({@link CaptureOptions}), what becomes of the root's identity, and whether the
 * archive is a differential against a master. The CLI parses; this decides and runs.
 */
public final class Creation {
    /**
     * What to do with the root's identity (host name, keys, ...; docs/identity.md).
     *
     * @param scrub   leave it out entirely: the payload holds the unconfigured state
     * @param saveTo  also write the identity bundle here, or null
     * @param profile a built-in profile name or a profile file, or null to detect it
     */
    public record Identity(boolean scrub, Path saveTo, String profile) {
        /** Captured as it is, and saved in the identity section when the root is an OS root. */
        public static final Identity AS_CAPTURED = new Identity(false, null, null);

        boolean asked() {
            return scrub || saveTo != null || profile != null;
        }
    }

    private final CaptureOptions options;
    private final Identity identity;
    private final Master master;
    private final boolean checksum;
    private boolean recordLayout = true;
    private Path layoutFile;
    private List<String> layoutFrom = List.of();
    private boolean layoutRequired;
    private ScriptSource scripts;
    private ScriptRunner scriptRunner;

    /**
     * @param master   a flash archive or an old root to make a differential against, or null
     * @param checksum with a master: read every file rather than trust equal metadata
     */
    public Creation(CaptureOptions options, Identity identity, Master master, boolean checksum) {
        if (!Files.isDirectory(options.root())) {
            throw new IllegalArgumentException(options.root() + ": not a directory (-R needs a root to capture)");
        }
        if (master != null && identity.asked()) {
            throw new IllegalArgumentException("--scrub-identity, --save-identity and --profile are for full archives, "
                    + "not with -A (a differential leaves identity to each clone)");
        }
        this.options = options;
        this.identity = identity;
        this.master = master;
        this.checksum = checksum;
    }

    /**
     * Whether a full archive records the disk layout under its root (by default when the root is
     * the running system or a mount of a block device), or carries {@code file}'s layout instead.
     */
    public Creation layout(boolean record, Path file) {
        this.recordLayout = record;
        this.layoutFile = file;
        return this;
    }

    /**
     * Records the layout of these devices' disks, for a root that is not mounted from them: its
     * fstab says which of their file systems go where (LayoutProbe#recordFrom). A layout that
     * cannot be recorded then fails the capture, as it was asked for.
     */
    public Creation layoutFrom(List<String> devices) {
        this.layoutFrom = List.copyOf(devices);
        return this;
    }

    /**
     * A layout that cannot be recorded fails the capture instead of being left out with a warning:
     * for a capture from the disks (--from-disks), whose point is to bring the machine back on them.
     */
    public Creation layoutRequired(boolean required) {
        this.layoutRequired = required;
        return this;
    }

    /** The layout section's bytes, or null when none is recorded. */
    public byte[] layoutSection(Progress progress) throws IOException {
        if (master != null) {
            return null;
        }
        if (layoutFile != null) {
            return LayoutJson.write(LayoutJson.read(layoutFile));
        }
        Path root = options.root().toAbsolutePath().normalize();
        if (!layoutFrom.isEmpty()) {
            List<String> notes = new ArrayList<>();
            Layout layout = LayoutProbe.recordFrom(root, layoutFrom, notes);
            notes.forEach(n -> progress.warning("layout: " + n));
            return LayoutJson.write(layout);
        }
        if (!recordLayout || !isMountPoint(root)) {
            return null;
        }
        List<String> notes = new ArrayList<>();
        Layout layout;
        try {
            layout = LayoutProbe.record(root, notes);
        } catch (IOException e) {
            if (layoutRequired) {
                throw new LayoutException("the layout of the machine on the disks could not be recorded: " + e.getMessage());
            }
            // recorded by default: a machine whose storage flar cannot read (a container, a thin pool) is still captured
            progress.warning("layout not recorded (flar recover will use its default layout): " + e.getMessage());
            return null;
        }
        notes.forEach(n -> progress.warning("layout: " + n));
        return layout == null ? null : LayoutJson.write(layout);
    }

    /** The root is a file system's mount point (/ always is): its device is what the layout starts from. */
    private static boolean isMountPoint(Path root) throws IOException {
        if (root.getParent() == null) {
            return true;
        }
        Object here = Files.getAttribute(root, "unix:dev");
        Object above = Files.getAttribute(root.getParent(), "unix:dev");
        return !here.equals(above);
    }

    /**
     * Deployment scripts to carry (predeployment, postdeployment, reboot) and the precreation
     * ones to run before the capture, with {@code limit} each.
     */
    public Creation scripts(ScriptSource source, Duration limit, Progress progress) {
        for (String section : source.sections().keySet()) {
            if (options.userSections().containsKey(section)) {
                throw new IllegalArgumentException("section " + section + " is made from the deployment scripts: not with -u");
            }
        }
        this.scripts = source;
        this.scriptRunner = new ScriptRunner(limit, progress);
        return this;
    }

    public CaptureOptions options() {
        return options;
    }

    /** The default content_name: the root's etc/hostname, else the root directory's name. */
    public static String defaultName(Path root) {
        try {
            String h = Files.readString(root.resolve("etc/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException e) {
            // fall through to the root's directory name
        }
        Path n = root.toAbsolutePath().normalize().getFileName();
        return n == null ? "root" : n.toString();
    }

    /**
     * The identity policy: null for a differential, and for a tree that is not an OS root when
     * no profile was given (asking for identity options there is an error).
     *
     * @param spoolDir where a bundle being written waits
     */
    public IdentityPolicy identityPolicy(Path spoolDir, Progress progress) throws IOException {
        Path root = options.root();
        if (master != null) {
            return null;
        }
        ProfileChoice choice = ProfileChoice.ifOsRoot(root, identity.profile());
        if (choice == null) {
            if (identity.asked()) {
                throw new IllegalArgumentException(root + ": not an OS root (no os-release, no Solaris markers): "
                        + "give --profile to treat its identity");
            }
            return null;
        }
        return new CaptureIdentity(UnconfigPlan.of(root, choice), identity.scrub(), identity.saveTo(), spoolDir, progress);
    }

    /** Captures into the file {@code archive}, written under a temporary name and renamed once complete. */
    public CaptureResult writeFile(Path archive, Progress progress) throws IOException {
        return writeTo(new FileLocation(archive), false, progress);
    }

    /**
     * Captures into {@code archive}, which shows the archive under its name only once complete.
     *
     * @param sync fsync a file before it is renamed into place
     */
    public CaptureResult writeTo(Location archive, boolean sync, Progress progress) throws IOException {
        CaptureResult[] result = new CaptureResult[1];
        archive.write((out, file) -> result[0] = write(out, file,
                archive instanceof FileLocation f && file != null ? f.file() : null, progress), sync);
        return result[0];
    }

    /**
     * Captures into {@code out}.
     *
     * @param file     the file {@code out} writes (left out of the capture; the spool goes beside it),
     *                 or null for a pipe (the spool then goes to the temporary directory)
     * @param replaced the file it replaces once complete (left out too), or null
     */
    public CaptureResult write(OutputStream out, Path file, Path replaced, Progress progress) throws IOException {
        Path spoolDir = file == null ? Path.of(System.getProperty("java.io.tmpdir")) : file.toAbsolutePath().getParent();
        IdentityPolicy policy = identityPolicy(spoolDir, progress);
        CaptureOptions options = this.options;
        if (scripts != null) {
            scripts.runPrecreation(scriptRunner, new ScriptEnvironment(options.root().toString(),
                    replaced == null ? "-" : replaced.toString(), options.name(), "capture", null));
            Map<String, byte[]> sections = new LinkedHashMap<>(scripts.sections());
            sections.putAll(options.userSections());
            options = options.toBuilder().userSections(sections).build();
        }
        try (Differ differ = master == null ? null : master.differ(options.rules(), options.oneFileSystem())) {
            Differential diff = differ == null ? null : new Differential(differ, checksum, ChangeListener.NONE);
            return new Capture(options, progress, diff).identity(policy).layout(layoutSection(progress)).run(out, file, replaced);
        }
    }
}
