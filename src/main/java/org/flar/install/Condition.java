package org.flar.install;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Locale;
import java.util.regex.Pattern;

/** One test of a rule: JumpStart's rule keywords, as much of them as a Linux install needs. */
sealed interface Condition {
    Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    boolean matches(Machine m);

    /** Whether the condition names one machine (a MAC) rather than a kind of machine. */
    default String mac() {
        return null;
    }

    record Mac(String address) implements Condition {
        @Override
        public boolean matches(Machine m) {
            return m.macs().contains(address);
        }

        @Override
        public String mac() {
            return address;
        }
    }

    /** A host name, or a glob of them ({@code web*}). */
    record HostName(String glob) implements Condition {
        @Override
        public boolean matches(Machine m) {
            if (m.hostname() == null) {
                return false;
            }
            PathMatcher pm = FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT));
            return pm.matches(Path.of(m.hostname().toLowerCase(Locale.ROOT)));
        }
    }

    record Arch(String name) implements Condition {
        @Override
        public boolean matches(Machine m) {
            return name.equals(m.arch());
        }
    }

    /** Some disk of at least {@code min} and at most {@code max} bytes (JumpStart's disksize). */
    record DiskSize(long min, long max) implements Condition {
        @Override
        public boolean matches(Machine m) {
            return m.disks().stream().anyMatch(d -> d >= min && d <= max);
        }
    }

    /** Every machine: chosen only when no other rule matches. */
    record Any() implements Condition {
        @Override
        public boolean matches(Machine m) {
            return true;
        }
    }
}
