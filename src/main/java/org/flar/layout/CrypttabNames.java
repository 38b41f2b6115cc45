package org.flar.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.flar.layout.Layout.Crypt;

/**
 * LUKS volumes recorded under the names the machine's own {@code /etc/crypttab} gives them. A
 * capture from the rescue system opens them under names of its own ({@code luks-UUID}); recorded
 * so, a recovery would open them under a name the restored system never uses. The entry is found
 * by the volume's UUID ({@code UUID=}, {@code /dev/disk/by-uuid/}) or its device.
 */
final class CrypttabNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,62}");

    private CrypttabNames() {
    }

    static Layout apply(Layout l, String crypttab, List<String> notes) {
        Map<String, String> renamed = new HashMap<>();
        List<Crypt> crypts = new ArrayList<>();
        for (Crypt c : l.crypts()) {
            String name = nameOf(c, crypttab);
            if (name == null || name.equals(c.name())) {
                crypts.add(c);
            } else if (!NAME.matcher(name).matches() || l.crypts().stream().anyMatch(o -> o.name().equals(name))
                    || crypts.stream().anyMatch(o -> o.name().equals(name))) {
                notes.add(c.device() + ": crypttab names it '" + name + "', not a name flar records: recorded as " + c.name());
                crypts.add(c);
            } else {
                renamed.put(c.mapped(), "/dev/mapper/" + name);
                notes.add(c.device() + ": LUKS recorded as " + name + ", its name in the system's crypttab (opened as "
                        + c.name() + " for the capture)");
                crypts.add(new Crypt(c.device(), name, c.version(), c.uuid(), c.cipher(), c.keySize(), c.pbkdf(), c.hash(),
                        c.sectorSize()));
            }
        }
        if (renamed.isEmpty()) {
            return l;
        }
        Rename r = new Rename(renamed);
        return l.with(l.disks(), r.raids(l.raids()), r.crypts(crypts), r.vgs(l.volumeGroups()), r.fileSystems(l.fileSystems()),
                r.swaps(l.swaps()));
    }

    /** The name of the first crypttab entry whose source is this volume, or null. */
    private static String nameOf(Crypt c, String crypttab) {
        for (String line : crypttab.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || f[0].startsWith("#")) {
                continue;
            }
            String source = f[1].replace("\"", "");
            String uuid = source.startsWith("UUID=") ? source.substring(5)
                    : source.startsWith("/dev/disk/by-uuid/") ? source.substring(18) : null;
            if (uuid != null ? c.uuid() != null && uuid.toLowerCase(Locale.ROOT).equals(c.uuid().toLowerCase(Locale.ROOT))
                    : source.equals(c.device())) {
                return f[0];
            }
        }
        return null;
    }
}
