package org.flar.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares two trees with independent tools only, never with flar's code, so a fidelity test
 * cannot pass because reader and writer share a bug.
 *
 * <ul>
 * <li><b>NetBSD mtree</b> (Debian's mtree-netbsd): a spec of the expected tree with the
 *     keywords {@value #MTREE_KEYWORDS}, checked against the actual tree. It reports type,
 *     mode (with setuid/setgid/sticky), owner, size, content (SHA-256), symlink target, link
 *     count, device numbers, entries missing or extra, and mtimes. Its {@code time} check is
 *     only to the <em>microsecond</em> (measured with mtree-netbsd 20180822: a 1 ns
 *     difference passes), so:
 * <li><b>GNU find</b> lists every entry's mtime to the nanosecond ({@code %T+}, UTC; symlinks'
 *     own times), compared exactly. The same listing gives inode numbers: mtree's
 *     {@code nlink} only counts links, so hardlink <em>groups</em> (which names share an inode)
 *     are compared here. And block counts ({@code %b}, i.e. {@code st_blocks}) for holes: a
 *     regular file counts as sparse when {@code blocks * 512 < size}; for every file sparse in
 *     either tree the block counts must be equal. Dense files' block counts are not compared:
 *     they vary with things that are not fidelity (ext4 puts xattrs that do not fit in the
 *     inode in an extra block, delayed allocation, extent index blocks), and their content is
 *     already compared by SHA-256. A sparse file that carries an external xattr block and
 *     is almost full may count as dense; the planted sparse files are far from that.
 * <li><b>getfattr</b> {@code -R -P -h -d -m - -e hex} run inside each root: every xattr of
 *     every namespace (user, trusted, security incl. capability, system.posix_acl_*), values
 *     in hex, on the entry itself (not a symlink's target).
 * <li><b>getfacl</b> {@code -R -P -s -n -p} run inside each root: the ACL text of every entry
 *     that has more than the base entries, with numeric ids.
 * </ul>
 * Names with spaces, tabs or newlines are fine: find's output is NUL-separated, mtree escapes
 * names in its spec, getfattr/getfacl escape them in their dumps, which are compared as text.
 * An entry missing on one side is reported by mtree, and again by the other tools if it
 * carried xattrs or ACLs. Must run as root to read trusted.* xattrs.
 */
public final class IndependentComparison {
    /**
     * mtree keywords. {@code sha256} (the same as {@code sha256digest} in this mtree) covers
     * content; {@code flags} is left out: chflags flags do not exist on Linux.
     */
    public static final String MTREE_KEYWORDS = "type,mode,uid,gid,size,link,time,sha256,nlink,device";

    private static final Duration TIMEOUT = Tools.DEFAULT_TIMEOUT;

    private IndependentComparison() {}

    /**
     * Differences between {@code expectedRoot} and {@code actualRoot}, one readable line each,
     * prefixed with the tool that found it; empty when the trees are identical.
     */
    public static List<String> differences(Path expectedRoot, Path actualRoot) {
        for (String tool : List.of("mtree", "getfattr", "getfacl", "find")) {
            Tools.requireTool(tool);
        }
        Path expected = expectedRoot.toAbsolutePath();
        Path actual = actualRoot.toAbsolutePath();
        // mtree hashes every file (half a minute per 5 GiB sparse file); the other tools run beside it.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<String>> mtree = pool.submit(() -> mtree(expected, actual));
            Future<List<String>> find = pool.submit(() -> findListing(expected, actual));
            Future<List<String>> xattrs = pool.submit(() -> xattrs(expected, actual));
            Future<List<String>> acls = pool.submit(() -> acls(expected, actual));
            List<String> out = new ArrayList<>();
            for (Future<List<String>> part : List.of(mtree, find, xattrs, acls)) {
                out.addAll(part.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- mtree -------------------------------------------------------------------------

    static List<String> mtree(Path expected, Path actual) throws IOException {
        String spec = Tools.run(List.of("mtree", "-c", "-p", expected.toString(), "-k", MTREE_KEYWORDS), null, TIMEOUT);
        Path specFile = Files.createTempFile("flar-mtree-", ".spec");
        try {
            Files.writeString(specFile, spec);
            Tools.Result check = Tools.exec(List.of("mtree", "-p", actual.toString(), "-f", specFile.toString()),
                    null, Map.of(), TIMEOUT);
            // 0: identical, 2: differences listed on stdout; anything else is mtree failing.
            if (check.exitCode() != 0 && check.exitCode() != 2) {
                check.check();
            }
            List<String> out = new ArrayList<>();
            for (String record : mtreeRecords(check.stdout())) {
                out.add("mtree: " + record);
            }
            for (String line : check.stderr().lines().toList()) {
                if (!line.isBlank()) {
                    out.add("mtree (stderr): " + line);
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(specFile);
        }
    }

    /**
     * mtree prints "NAME: FIELD (EXPECTED, ACTUAL)" with further fields on lines starting with
     * a tab, and "missing: NAME" / "extra: NAME". Names are printed raw, so a name with a
     * newline arrives in pieces: a piece without a colon is glued to the next line.
     */
    static List<String> mtreeRecords(String output) {
        List<String> records = new ArrayList<>();
        StringBuilder pending = null;
        String carry = "";
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("\t") && pending != null) {
                pending.append(pending.charAt(pending.length() - 1) == ':' ? " " : "; ").append(line.strip());
                continue;
            }
            if (pending != null) {
                records.add(pending.toString().strip());
                pending = null;
            }
            if (line.isEmpty() && carry.isEmpty()) {
                continue;
            }
            if (!line.contains(":")) {
                carry += line + "\\n";
                continue;
            }
            pending = new StringBuilder(carry + line.stripTrailing());
            carry = "";
        }
        if (pending != null) {
            records.add(pending.toString().strip());
        }
        if (!carry.isEmpty()) {
            records.add(carry);
        }
        return records;
    }

    // ---- find: nanosecond mtimes, hardlink groups, holes ---------------------------------

    private record Stat(char type, String inode, long blocks, long size, String mtime) {}

    static List<String> findListing(Path expected, Path actual) {
        Map<String, Stat> exp = stat(expected);
        Map<String, Stat> act = stat(actual);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Stat> e : exp.entrySet()) {
            String path = e.getKey();
            Stat x = e.getValue();
            Stat y = act.get(path);
            if (y == null) {
                continue; // mtree reports it missing
            }
            if (!x.mtime.equals(y.mtime)) {
                out.add("find: " + show(path) + ": mtime " + x.mtime + " expected, " + y.mtime + " actual");
            }
            if (x.type == 'f' && y.type == 'f' && (sparse(x) || sparse(y)) && x.blocks != y.blocks) {
                out.add("find: " + show(path) + ": " + x.blocks + " blocks of 512 expected (" + holes(x) + "), "
                        + y.blocks + " actual (" + holes(y) + "), size " + x.size);
            }
        }
        Set<Set<String>> expGroups = hardlinkGroups(exp);
        Set<Set<String>> actGroups = hardlinkGroups(act);
        for (Set<String> g : expGroups) {
            if (!actGroups.contains(g)) {
                out.add("find: hardlinks: expected one inode for " + show(g) + ", actual differs");
            }
        }
        for (Set<String> g : actGroups) {
            if (!expGroups.contains(g)) {
                out.add("find: hardlinks: actual has one inode for " + show(g) + ", not expected");
            }
        }
        return out;
    }

    private static boolean sparse(Stat s) {
        return s.blocks * 512 < s.size;
    }

    private static String holes(Stat s) {
        return sparse(s) ? "sparse" : "dense";
    }

    private static Map<String, Stat> stat(Path root) {
        // One NUL-terminated field each, so that no name can break the parsing.
        String listing = Tools.exec(List.of("find", ".", "-printf", "%y\\0%i\\0%b\\0%s\\0%T+\\0%P\\0"),
                root, Map.of("TZ", "UTC", "LC_ALL", "C.UTF-8"), TIMEOUT).check().stdout();
        String[] f = listing.split("\0", -1);
        Map<String, Stat> stats = new HashMap<>();
        for (int i = 0; i + 5 < f.length; i += 6) {
            String path = f[i + 5].isEmpty() ? "." : f[i + 5];
            stats.put(path, new Stat(f[i].charAt(0), f[i + 1], Long.parseLong(f[i + 2]), Long.parseLong(f[i + 3]), f[i + 4]));
        }
        return stats;
    }

    private static Set<Set<String>> hardlinkGroups(Map<String, Stat> stats) {
        Map<String, Set<String>> byInode = new HashMap<>();
        stats.forEach((path, s) -> {
            if (s.type != 'd') {
                byInode.computeIfAbsent(s.inode, k -> new TreeSet<>()).add(path);
            }
        });
        Set<Set<String>> groups = new HashSet<>();
        for (Set<String> g : byInode.values()) {
            if (g.size() > 1) {
                groups.add(g);
            }
        }
        return groups;
    }

    // ---- getfattr / getfacl -------------------------------------------------------------

    static List<String> xattrs(Path expected, Path actual) {
        List<String> cmd = List.of("getfattr", "-R", "-P", "-h", "-d", "-m", "-", "-e", "hex", ".");
        return compareDumps("getfattr", dump(cmd, expected), dump(cmd, actual), true);
    }

    static List<String> acls(Path expected, Path actual) {
        List<String> cmd = List.of("getfacl", "-R", "-P", "-s", "-n", "-p", ".");
        return compareDumps("getfacl", dump(cmd, expected), dump(cmd, actual), false);
    }

    /**
     * Splits a getfattr/getfacl dump into "# file: NAME" blocks. The tools walk in directory
     * order, which differs between two copies of a tree, so blocks are keyed by name.
     */
    private static SortedMap<String, List<String>> dump(List<String> cmd, Path root) {
        String text = Tools.exec(cmd, root, Map.of("LC_ALL", "C.UTF-8"), TIMEOUT).check().stdout();
        SortedMap<String, List<String>> blocks = new TreeMap<>();
        List<String> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# file: ")) {
                String name = line.substring("# file: ".length());
                name = name.startsWith("./") ? name.substring(2) : name;
                current = new ArrayList<>();
                blocks.put(name.isEmpty() ? "." : name, current);
            } else if (current != null && !line.isEmpty()) {
                current.add(line);
            }
        }
        return blocks;
    }

    private static List<String> compareDumps(String tool, SortedMap<String, List<String>> exp,
            SortedMap<String, List<String>> act, boolean keyValue) {
        Set<String> names = new TreeSet<>(exp.keySet());
        names.addAll(act.keySet());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            List<String> x = exp.getOrDefault(name, List.of());
            List<String> y = act.getOrDefault(name, List.of());
            if (keyValue) {
                Map<String, String> xv = keyValues(x);
                Map<String, String> yv = keyValues(y);
                Set<String> keys = new TreeSet<>(xv.keySet());
                keys.addAll(yv.keySet());
                for (String k : keys) {
                    if (!Objects.equals(xv.get(k), yv.get(k))) {
                        out.add(tool + ": " + name + ": " + k + " " + value(xv.get(k)) + " expected, "
                                + value(yv.get(k)) + " actual");
                    }
                }
            } else if (!new TreeSet<>(x).equals(new TreeSet<>(y))) {
                List<String> onlyExpected = new ArrayList<>(x);
                onlyExpected.removeAll(y);
                List<String> onlyActual = new ArrayList<>(y);
                onlyActual.removeAll(x);
                out.add(tool + ": " + name + ": expected " + onlyExpected + ", actual " + onlyActual);
            }
        }
        return out;
    }

    private static Map<String, String> keyValues(List<String> lines) {
        Map<String, String> map = new TreeMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            // getfattr prints an attribute with an empty value as its bare name.
            map.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
        }
        return map;
    }

    private static String value(String v) {
        if (v == null) {
            return "(absent)";
        }
        if (v.isEmpty()) {
            return "(empty)";
        }
        return v.length() > 72 ? v.substring(0, 64) + "...(" + v.length() + " chars)" : v;
    }

    private static String show(String path) {
        return path.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String show(Set<String> paths) {
        return paths.stream().map(IndependentComparison::show).toList().toString();
    }
}
