package org.flar.entry;

import java.util.List;

/**
 * One file-system object as flar records it: the one currency between the walker, the payload
 * formats, the manifest, the differ and the deployer.
 *
 * @param path       relative to the root, '/'-separated, no leading "/" or "./"; the root itself is "."
 * @param mode       permission bits including setuid, setgid and sticky (07777), without the type
 * @param size       content length in bytes for files (the logical size for sparse files), else 0
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param linkTarget symlink target, or for hardlinks the path of the entry it names; else null
 * @param xattrs     every extended attribute, ACLs included as their system.posix_acl_* xattrs, sorted by name
 * @param sparse     the data segments of a sparse file, or null when the file is stored whole
 * @param sha256     lowercase hex SHA-256 of the logical content of a file (holes read as zeros), or null
 */
public record Entry(
        String path,
        EntryType type,
        int mode,
        int uid,
        int gid,
        String user,
        String group,
        long size,
        long mtimeNanos,
        String linkTarget,
        int devMajor,
        int devMinor,
        List<Xattr> xattrs,
        SparseMap sparse,
        String sha256) {

    public Entry {
        xattrs = xattrs == null ? List.of() : xattrs.stream().sorted().toList();
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode has type bits: " + Integer.toOctalString(mode));
        }
    }

    public static Builder builder(String path, EntryType type) {
        return new Builder(path, type);
    }

    public Builder toBuilder() {
        return new Builder(path, type).mode(mode).owner(uid, gid).names(user, group).size(size)
                .mtimeNanos(mtimeNanos).linkTarget(linkTarget).device(devMajor, devMinor)
                .xattrs(xattrs).sparse(sparse).sha256(sha256);
    }

    public Entry withSha256(String digest) {
        return toBuilder().sha256(digest).build();
    }

    /** Bytes this entry stores in the payload: its data segments if sparse, its size if a file, else 0. */
    public long storedSize() {
        if (type != EntryType.FILE) {
            return 0;
        }
        return sparse != null ? sparse.storedSize() : size;
    }

    public boolean isRoot() {
        return path.equals(".");
    }

    public static final class Builder {
        private final String path;
        private final EntryType type;
        private int mode;
        private int uid;
        private int gid;
        private String user;
        private String group;
        private long size;
        private long mtimeNanos;
        private String linkTarget;
        private int devMajor;
        private int devMinor;
        private List<Xattr> xattrs = List.of();
        private SparseMap sparse;
        private String sha256;

        private Builder(String path, EntryType type) {
            this.path = path;
            this.type = type;
        }

        public Builder mode(int v) { this.mode = v; return this; }
        public Builder owner(int u, int g) { this.uid = u; this.gid = g; return this; }
        public Builder names(String u, String g) { this.user = u; this.group = g; return this; }
        public Builder size(long v) { this.size = v; return this; }
        public Builder mtimeNanos(long v) { this.mtimeNanos = v; return this; }
        public Builder linkTarget(String v) { this.linkTarget = v; return this; }
        public Builder device(int major, int minor) { this.devMajor = major; this.devMinor = minor; return this; }
        public Builder xattrs(List<Xattr> v) { this.xattrs = v; return this; }
        public Builder sparse(SparseMap v) { this.sparse = v; return this; }
        public Builder sha256(String v) { this.sha256 = v; return this; }

        public Entry build() {
            return new Entry(path, type, mode, uid, gid, user, group, size, mtimeNanos, linkTarget,
                    devMajor, devMinor, xattrs, sparse, sha256);
        }
    }
}
