package org.flar.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flar.format.FlashArchiveReader;
import org.flar.identity.sysidcfg.Sysidcfg;
import org.flar.location.Location;
import org.flar.location.LocationSettings;
import org.flar.location.Locations;
import org.flar.progress.Progress;

/**
 * {@code flar serve check}: everything a rules file leads to, checked before a machine boots —
 * the rules, each profile they name (relative to the rules file), each archive of each chain (a
 * URL, or a name in the served directory; its text sections fetched: it exists and is a flash archive), each template filled for every host
 * of its table and parsed as a sysidcfg, and no host claimed by two rules by MAC or name.
 */
public final class InstallCheck {
    /** @param profiles each profile with the number of hosts its table gives values for */
    public record Report(Path rules, int ruleCount, Map<String, Integer> profiles, List<String> archives) {
    }

    private InstallCheck() {
    }

    /**
     * @param served the server's --archives, a directory or an s3:// prefix, where archive names
     *               of profiles are found (null: the rules file's directory)
     */
    public static Report check(Path rulesFile, String served, LocationSettings settings, boolean archives) throws IOException {
        Rules rules = Rules.parse(rulesFile);
        Path dir = rulesFile.toAbsolutePath().getParent();
        java.net.URI base = served == null ? dir.toUri() : served.startsWith("s3://")
                ? java.net.URI.create(served.endsWith("/") ? served : served + "/") : Path.of(served).toAbsolutePath().toUri();
        Map<String, Integer> profiles = new LinkedHashMap<>();
        List<String> checked = new ArrayList<>();
        for (Rule r : rules.rules()) {
            if (profiles.containsKey(r.profile())) {
                continue;
            }
            Path file = dir.resolve(r.profile());
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new InstallSyntaxException(r.where() + ": no profile " + file);
            }
            InstallProfile p = InstallProfile.parse(file);
            profiles.put(r.profile(), hosts(p, rules));
            for (String a : p.archives()) {
                // a name is a file of the served directory; a URL as the machines will read it
                String located = InstallSite.located(a, base, p);
                if (archives && !checked.contains(a)) {
                    checkArchive(located.startsWith("file:") ? Path.of(java.net.URI.create(located)).toString() : located, a, p, settings);
                    checked.add(a);
                }
            }
        }
        return new Report(rulesFile, rules.rules().size(), profiles, checked);
    }

    /** Fills the template for every host and parses the result; returns how many hosts. */
    private static int hosts(InstallProfile p, Rules rules) throws IOException {
        if (p.sysidcfg() == null) {
            return 0;
        }
        SysidcfgTemplate template = SysidcfgTemplate.read(p.sysidcfg());
        if (p.hosts() == null) {
            if (!template.names().isEmpty()) {
                throw new InstallSyntaxException(p.file() + ": the template " + p.sysidcfg() + " uses ${"
                        + template.names().iterator().next() + "} but the profile names no hosts table");
            }
            Sysidcfg.parse(template.text(), p.sysidcfg().toString());
            return 0;
        }
        HostTable table = HostTable.parse(p.hosts());
        for (Map<String, String> row : table.rows()) {
            String host = row.getOrDefault("hostname", row.get("mac"));
            Sysidcfg.parse(template.fill(row, host), p.sysidcfg() + " for " + host);
            claimedOnce(rules, new Machine(List.of(row.get("mac")), row.get("hostname"), null, List.of()));
        }
        return table.rows().size();
    }

    /** Rules that decide by MAC or name alone can be checked for a host before it boots. */
    private static void claimedOnce(Rules rules, Machine host) throws InstallSyntaxException {
        List<Rule> claiming = rules.rules().stream()
                .filter(r -> r.conditions().stream().allMatch(c -> c instanceof Condition.Mac || c instanceof Condition.HostName))
                .filter(r -> r.matches(host)).toList();
        if (claiming.size() > 1) {
            throw new InstallSyntaxException(host.describe() + ": claimed by " + claiming.getFirst().where() + " and "
                    + claiming.get(1).where());
        }
    }

    private static void checkArchive(String where, String name, InstallProfile p, LocationSettings settings) throws IOException {
        Location location = Locations.of(where, settings, Progress.NONE);
        try (InputStream in = location.readSections(); FlashArchiveReader r = FlashArchiveReader.open(in, location.toString())) {
            r.identification();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(p.file() + ": archive_location " + name + ": no such archive", e);
        }
    }
}
