package org.flar.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-host values of a sysidcfg template: a CSV whose first line names the columns, one of
 * them {@code mac} (how a booting machine is found in it). Plain comma-separated values, no
 * quoting: host names, addresses and MACs contain no commas.
 */
public record HostTable(Path file, List<Map<String, String>> rows) {

    public static HostTable parse(Path file) throws IOException {
        String name = file.toString();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new InstallSyntaxException(name, 1, 1, "empty: the first line names the columns (mac,hostname,...)");
        }
        List<String> header = List.of(lines.getFirst().strip().split(",", -1)).stream().map(String::strip).toList();
        if (!header.contains("mac")) {
            throw new InstallSyntaxException(name, 1, 1, "no 'mac' column in the header");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, Integer> macs = new LinkedHashMap<>();
        for (int n = 2; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new InstallSyntaxException(name, n, 1, cells.length + " values for " + header.size() + " columns");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(header.get(i), cells[i].strip());
            }
            String mac = row.get("mac").toLowerCase(Locale.ROOT);
            if (!Condition.MAC.matcher(mac).matches()) {
                throw new InstallSyntaxException(name, n, 1 + line.indexOf(row.get("mac")), "not a MAC address: '" + row.get("mac") + "'");
            }
            Integer before = macs.putIfAbsent(mac, n);
            if (before != null) {
                throw new InstallSyntaxException(name, n, 1, "mac " + mac + " is on line " + before + " too");
            }
            row.put("mac", mac);
            rows.add(Map.copyOf(row));
        }
        return new HostTable(file, List.copyOf(rows));
    }

    /** The row for a machine, by any of its MACs, or null. */
    public Map<String, String> rowFor(Machine m) {
        return rows.stream().filter(r -> m.macs().contains(r.get("mac"))).findFirst().orElse(null);
    }
}
