package org.flar.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flar.layout.Layout.FileSystem;

/** The mkfs command that makes a recorded file system again: same UUID, label and features. */
final class FileSystemMaker {
    /** ext feature flags that are state, not choices: mke2fs refuses or ignores them. */
    private static final Set<String> EXT_STATE = Set.of("needs_recovery", "orphan_present", "snapshot_bitmap");
    /** mkfs.xfs option groups of the features xfs_info shows. */
    private static final Map<String, String> XFS_GROUP = Map.of("crc", "-m", "finobt", "-m", "reflink", "-m",
            "rmapbt", "-m", "bigtime", "-m", "inobtcount", "-m", "sparse", "-i", "ftype", "-n");

    private FileSystemMaker() {
    }

    static Command mkfs(FileSystem f) {
        List<String> a = new ArrayList<>();
        switch (f.type()) {
            case "ext2", "ext3", "ext4" -> {
                a.addAll(List.of("mke2fs", "-F", "-q", "-t", f.type()));
                if (f.uuid() != null) {
                    a.addAll(List.of("-U", f.uuid()));
                }
                if (f.label() != null) {
                    a.addAll(List.of("-L", f.label()));
                }
                if (f.blockSize() != null) {
                    a.addAll(List.of("-b", f.blockSize().toString()));
                }
                if (f.inodeSize() != null) {
                    a.addAll(List.of("-I", f.inodeSize().toString()));
                }
                List<String> features = f.features().stream().filter(x -> !EXT_STATE.contains(x)).toList();
                if (!features.isEmpty()) {
                    a.addAll(List.of("-O", "none," + String.join(",", features)));
                }
            }
            case "xfs" -> {
                a.addAll(List.of("mkfs.xfs", "-f", "-q"));
                List<String> meta = new ArrayList<>();
                if (f.uuid() != null) {
                    meta.add("uuid=" + f.uuid());
                }
                StringBuilder inode = new StringBuilder();
                StringBuilder naming = new StringBuilder();
                for (String feature : f.features()) {
                    String key = feature.split("=", 2)[0];
                    switch (XFS_GROUP.getOrDefault(key, "")) {
                        case "-m" -> meta.add(feature);
                        case "-i" -> inode.append(inode.isEmpty() ? "" : ",").append(feature);
                        case "-n" -> naming.append(naming.isEmpty() ? "" : ",").append(feature);
                        default -> { } // recorded for information only
                    }
                }
                if (f.inodeSize() != null) {
                    inode.append(inode.isEmpty() ? "" : ",").append("size=").append(f.inodeSize());
                }
                if (!meta.isEmpty()) {
                    a.addAll(List.of("-m", String.join(",", meta)));
                }
                if (!inode.isEmpty()) {
                    a.addAll(List.of("-i", inode.toString()));
                }
                if (!naming.isEmpty()) {
                    a.addAll(List.of("-n", naming.toString()));
                }
                if (f.blockSize() != null) {
                    a.addAll(List.of("-b", "size=" + f.blockSize()));
                }
                if (f.label() != null) {
                    a.addAll(List.of("-L", f.label()));
                }
            }
            case "vfat" -> {
                a.add("mkfs.vfat");
                String fat = f.features().stream().filter(x -> x.startsWith("fat")).findFirst().orElse("fat32");
                a.addAll(List.of("-F", fat.substring(3)));
                if (f.uuid() != null) {
                    a.addAll(List.of("-i", f.uuid().replace("-", "")));
                }
                if (f.label() != null) {
                    a.addAll(List.of("-n", f.label()));
                }
            }
            default -> throw new IllegalArgumentException(f.type());
        }
        a.add(f.device());
        return Command.of(a);
    }
}
