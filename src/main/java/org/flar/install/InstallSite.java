package org.flar.install;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flar.identity.sysidcfg.Sysidcfg;

/**
 * An install site as the server uses it: the rules file and what it leads to, read again for
 * every machine that asks (an edit applies to the next boot, no restart), turned into one
 * machine's {@link Assignment}. Whatever keeps a machine from one (no rule, two rules, no row in
 * the hosts table, a template value missing, a site file with an error) is a {@link Wait}: the
 * machine waits and says why, and its disks stay untouched.
 */
public final class InstallSite {
    /** Why a machine gets no assignment yet: shown on its console and the server's table. */
    public static final class Wait extends Exception {
        Wait(String message) {
            super(message);
        }
    }

    /** An archive named by the server: a file of its archive directory, served at /archives/NAME. */
    private static final Pattern SERVED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,254}");

    private final Path rulesFile;

    public InstallSite(Path rulesFile) {
        this.rulesFile = rulesFile.toAbsolutePath();
    }

    public Path rulesFile() {
        return rulesFile;
    }

    /**
     * What {@code machine} installs.
     *
     * @param archives where the server serves its archive directory ({@code http://HOST:PORT/archives/})
     */
    public Assignment assign(Machine machine, URI archives) throws Wait {
        try {
            Rules rules = Rules.parse(rulesFile);
            Rule rule = rules.match(machine);
            Path file = rulesFile.getParent().resolve(rule.profile());
            if (!Files.isRegularFile(file)) {
                throw new Wait(rule.where() + ": no profile " + file);
            }
            InstallProfile p = InstallProfile.parse(file);
            Map<String, String> row = p.hosts() == null ? Map.of() : HostTable.parse(p.hosts()).rowFor(machine);
            if (row == null) {
                throw new Wait(machine.describe() + ": matched " + rule.where() + " (" + rule.profile() + "), but no line of "
                        + p.hosts() + " has its MAC");
            }
            String host = row.getOrDefault("hostname", machine.hostname());
            String name = host == null ? machine.macs().getFirst() : host + " (" + machine.macs().getFirst() + ")";
            String sysidcfg = null;
            if (p.sysidcfg() != null) {
                sysidcfg = SysidcfgTemplate.read(p.sysidcfg()).fill(row, name);
                Sysidcfg.parse(sysidcfg, p.sysidcfg() + " for " + name);
            }
            List<String> chain = new ArrayList<>();
            for (String a : p.archives()) {
                chain.add(located(a, archives, p));
            }
            return new Assignment(name, rule.profile(), p.recovery(), chain, p.layout(), p.disks(), sysidcfg, p.halt());
        } catch (Rules.NoMatchException e) {
            throw new Wait(e.getMessage());
        } catch (IOException e) {
            throw new Wait("the install site has an error: " + e.getMessage());
        }
    }

    /** A URL stays as it is; a name is a file of the server's archive directory. */
    static String located(String archive, URI archives, InstallProfile p) throws InstallSyntaxException {
        if (archive.matches("(?i)(https?|s3)://.*")) {
            return archive;
        }
        if (!SERVED.matcher(archive).matches()) {
            throw new InstallSyntaxException(p.file() + ": archive_location " + archive + ": give a URL (http://, https://, "
                    + "s3://) or the name of a file in the server's --archives directory; a machine cannot read the server's paths");
        }
        return archives.resolve(archive).toString();
    }
}
