package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network configuration formats flar writes, and how it picks the one a target uses.
 *
 * <p>First, the format that already configures an interface wins, checked in this order:
 * netplan (it generates networkd or NetworkManager configuration, so it sits above both),
 * NetworkManager keyfiles, RHEL ifcfg files, systemd-networkd {@code .network} files, ifupdown
 * stanzas other than loopback. Second, on an unconfigured clone, the format whose tool is
 * installed, in the same order (netplan, NetworkManager, ifcfg's network-scripts directory, and
 * ifupdown when {@code /etc/network} exists, as on Debian). Otherwise systemd-networkd.
 */
public enum NetworkLayout {
    NETPLAN, NETWORK_MANAGER, IFCFG, NETWORKD, IFUPDOWN;

    static final String NETPLAN_DIR = "etc/netplan";
    static final String NM_DIR = "etc/NetworkManager/system-connections";
    static final String IFCFG_DIR = "etc/sysconfig/network-scripts";
    static final String NETWORKD_DIR = "etc/systemd/network";
    static final String IFUPDOWN_FILE = "etc/network/interfaces";
    static final String IFUPDOWN_DIR = "etc/network/interfaces.d";

    private static final Pattern IFACE = Pattern.compile("(?m)^\\s*(?:iface|auto|allow-hotplug|allow-auto)\\s+(.+)$");
    private static final Pattern NM_NAME = Pattern.compile("(?m)^\\s*interface-name\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern IFCFG_DEVICE = Pattern.compile("(?m)^\\s*DEVICE\\s*=\\s*[\"']?([^\"'\\s]+)");
    private static final Pattern PATTERN_LOGICAL = Pattern.compile("(?m)\\s/\\S*=(\\S+)");
    private static final Pattern NETWORKD_NAME = Pattern.compile("(?m)^\\s*Name\\s*=\\s*(.+)$");

    /** The layout to write for the target at {@code root}. */
    static NetworkLayout detect(RootFiles root) throws IOException {
        for (NetworkLayout layout : values()) {
            if (!layout.configured(root).isEmpty()) {
                return layout;
            }
        }
        if (root.isDirectory(NETPLAN_DIR) || root.isRegularFile("usr/sbin/netplan")) {
            return NETPLAN;
        }
        if (root.isDirectory("etc/NetworkManager")) {
            return NETWORK_MANAGER;
        }
        if (root.isDirectory(IFCFG_DIR)) {
            return IFCFG;
        }
        if (root.isDirectory("etc/network")) {
            return IFUPDOWN;
        }
        return NETWORKD;
    }

    /**
     * The interface names this layout's existing files configure, in file order, loopback and
     * globs left out; the first is what PRIMARY means. netplan's are the keys under {@code ethernets:}.
     */
    List<String> configured(RootFiles root) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        switch (this) {
            case NETPLAN -> {
                for (String f : root.list(NETPLAN_DIR)) {
                    if (f.endsWith(".yaml") || f.endsWith(".yml")) {
                        names.addAll(netplanEthernets(root.readText(NETPLAN_DIR + "/" + f).orElse("")));
                    }
                }
            }
            case NETWORK_MANAGER -> {
                for (String f : root.list(NM_DIR)) {
                    if (f.endsWith(".nmconnection")) {
                        all(NM_NAME, root.readText(NM_DIR + "/" + f).orElse(""), names);
                        // A keyfile without interface-name still configures something (any device).
                        names.add("");
                    }
                }
            }
            case IFCFG -> {
                for (String f : root.list(IFCFG_DIR)) {
                    if (f.startsWith("ifcfg-") && !f.equals("ifcfg-lo") && !f.contains("~") && !f.endsWith(".bak")) {
                        String text = root.readText(IFCFG_DIR + "/" + f).orElse("");
                        Matcher m = IFCFG_DEVICE.matcher(text);
                        names.add(m.find() ? m.group(1) : f.substring("ifcfg-".length()));
                    }
                }
            }
            case NETWORKD -> {
                for (String f : root.list(NETWORKD_DIR)) {
                    if (f.endsWith(".network")) {
                        Matcher m = NETWORKD_NAME.matcher(root.readText(NETWORKD_DIR + "/" + f).orElse(""));
                        names.add(m.find() ? m.group(1).trim().split("\\s+")[0] : "");
                    }
                }
            }
            case IFUPDOWN -> {
                StringBuilder text = new StringBuilder(root.readText(IFUPDOWN_FILE).orElse(""));
                for (String f : root.list(IFUPDOWN_DIR)) {
                    text.append('\n').append(root.readText(IFUPDOWN_DIR + "/" + f).orElse(""));
                }
                all(IFACE, text.toString(), names);
                // "auto /e[nt]*/1=primary": a pattern and the logical name it maps to are no interface's name.
                Matcher m = PATTERN_LOGICAL.matcher(text);
                while (m.find()) {
                    names.remove(m.group(1));
                }
            }
        }
        List<String> real = new ArrayList<>();
        boolean any = false;
        for (String n : names) {
            any = true;
            if (!n.isEmpty() && !n.equals("lo") && !n.startsWith("/") && !n.matches(".*[*?\\[].*")
                    && Values.isInterfaceName(n)) {
                real.add(n);
            }
        }
        // A layout in use but naming no interface (a keyfile for any device) still counts as in use.
        return real.isEmpty() && any && this != IFUPDOWN ? List.of("") : real;
    }

    private static void all(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            for (String word : m.group(1).trim().split("\\s+")) {
                into.add(word);
                if (p == IFACE) {
                    break; // "iface eth0 inet static": only the name
                }
            }
        }
    }

    /**
     * The interface names under an {@code ethernets:} mapping, read line by line (no YAML library
     * needed for this): the keys one level down, except ids whose block has a {@code match:} (they
     * name no interface; netplan matches by pattern or MAC address).
     */
    static List<String> netplanEthernets(String yaml) {
        List<String> keys = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        int sectionIndent = -1;
        int keyIndent = -1;
        for (String line : yaml.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (sectionIndent >= 0 && indent <= sectionIndent) {
                sectionIndent = -1;
            }
            if (stripped.equals("ethernets:")) {
                sectionIndent = indent;
                keyIndent = -1;
                continue;
            }
            if (sectionIndent >= 0) {
                if (keyIndent < 0) {
                    keyIndent = indent;
                }
                if (indent == keyIndent && stripped.endsWith(":")) {
                    keys.add(stripped.substring(0, stripped.length() - 1).replaceAll("^[\"']|[\"']$", ""));
                } else if (indent > keyIndent && stripped.startsWith("match:") && !keys.isEmpty()) {
                    matched.add(keys.getLast());
                }
            }
        }
        keys.removeAll(matched);
        return keys;
    }
}
