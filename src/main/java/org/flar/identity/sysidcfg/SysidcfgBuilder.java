package org.flar.identity.sysidcfg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.flar.identity.sysidcfg.SysidcfgParser.Entry;
import org.flar.identity.sysidcfg.SysidcfgParser.Sub;
import org.flar.identity.sysidcfg.SysidcfgParser.Subs;

/** Turns parsed entries into a {@link Sysidcfg}, checking every value where it was written. */
final class SysidcfgBuilder {
    static final Set<String> KEYWORDS = Set.of("hostname", "network_interface", "name_service", "timezone",
            "system_locale", "keyboard", "root_password", "timeserver", "security_policy", "terminal",
            "nfs4_domain", "service_profile");
    private static final Set<String> WITH_BLOCK = Set.of("network_interface", "name_service", "security_policy");

    private final String file;
    private final Map<String, Entry> single = new HashMap<>();
    private final Map<String, Position> positions = new HashMap<>();
    private final List<Entry> interfaces = new ArrayList<>();

    SysidcfgBuilder(String file) {
        this.file = file;
    }

    void add(Entry e) throws SysidcfgException {
        if (e.hasBlock() && !WITH_BLOCK.contains(e.keyword())) {
            throw error(e.openAt(), "'" + e.keyword() + "' takes no {...}");
        }
        if (e.keyword().equals("network_interface")) {
            interfaces.add(e);
            return;
        }
        Entry first = single.putIfAbsent(e.keyword(), e);
        if (first != null) {
            throw error(e.keyAt(), "'" + e.keyword() + "' is given twice (first at line " + first.keyAt().line() + ")");
        }
        positions.put(e.keyword(), e.valueAt());
    }

    Sysidcfg build() throws SysidcfgException {
        List<NetworkInterface> nics = new ArrayList<>();
        boolean none = false;
        for (Entry e : interfaces) {
            if (e.value().equalsIgnoreCase("NONE")) {
                if (interfaces.size() > 1) {
                    throw error(e.valueAt(), "network_interface=NONE cannot be combined with other network_interface entries");
                }
                if (e.hasBlock()) {
                    throw error(e.openAt(), "network_interface=NONE takes no {...}");
                }
                none = true;
            } else {
                NetworkInterface nic = networkInterface(e);
                for (NetworkInterface other : nics) {
                    if (other.name().equals(nic.name())) {
                        throw error(e.valueAt(), "network_interface " + nic.name() + " is given twice");
                    }
                }
                nics.add(nic);
            }
        }
        if (nics.stream().filter(n -> n.primary() || n.isPrimaryName()).count() > 1) {
            throw error(interfaces.get(interfaces.size() - 1).valueAt(), "more than one primary network_interface");
        }
        for (int i = 0; i < interfaces.size(); i++) {
            positions.put(Origin.nic(i), interfaces.get(i).valueAt());
        }
        return new Sysidcfg(
                simple("hostname", Values::isHostname, "a host name (letters, digits, '-', at most 64 characters)"),
                nics, none, nameService(),
                simple("timezone", Values::isTimezone, "a zoneinfo name such as Europe/Berlin"),
                simple("system_locale", Values::isLocale, "a locale name such as en_US.UTF-8"),
                simple("keyboard", Values::isKeyboard, "a keyboard layout such as us or US-English"),
                simple("root_password", Values::isPasswordHash,
                        "a crypt(3) hash (DES, $1$, $5$, $6$, $2b$, $y$), never a clear-text password"),
                simple("timeserver", Values::isHost, "localhost, a host name or an IPv4 address"),
                securityPolicy(),
                simple("terminal", Values::isTerminal, "a terminal type such as vt100"),
                simple("nfs4_domain", v -> v.equalsIgnoreCase("dynamic") || Values.isDomain(v),
                        "dynamic or a domain name"),
                simple("service_profile", v -> v.equals("limited_net") || v.equals("open"), "limited_net or open"),
                new Origin(file, positions));
    }

    private Optional<String> simple(String keyword, Predicate<String> valid, String expected)
            throws SysidcfgException {
        Entry e = single.get(keyword);
        if (e == null) {
            return Optional.empty();
        }
        if (!valid.test(e.value())) {
            throw error(e.valueAt(), "bad " + keyword + " '" + printable(e.value()) + "': expected " + expected);
        }
        return Optional.of(e.value());
    }

    private NetworkInterface networkInterface(Entry e) throws SysidcfgException {
        String name = e.value().equalsIgnoreCase(NetworkInterface.PRIMARY) ? NetworkInterface.PRIMARY : e.value();
        if (!name.equals(NetworkInterface.PRIMARY) && !Values.isInterfaceName(name)) {
            throw error(e.valueAt(), "bad interface name '" + printable(name)
                    + "': expected PRIMARY, NONE or a name of 1-15 letters, digits, '_', '.', '-'");
        }
        if (!e.hasBlock()) {
            throw error(e.valueAt(), "network_interface=" + name
                    + " needs {dhcp} or {ip_address=... netmask=...}");
        }
        Subs subs = new Subs(file, e, Set.of("hostname", "ip_address", "netmask", "default_route", "protocol_ipv6"),
                Set.of("dhcp", "primary"));
        Optional<String> hostname = Optional.empty();
        if (subs.has("hostname")) {
            Sub h = subs.require("hostname");
            if (!Values.isHostname(h.value())) {
                throw error(h.valueAt(), "bad hostname '" + printable(h.value()) + "'");
            }
            hostname = Optional.of(h.value());
        }
        boolean ipv6 = subs.get("protocol_ipv6").isPresent() && yesNo(subs.require("protocol_ipv6"));
        NetworkInterface.Addressing addressing;
        if (subs.has("dhcp")) {
            for (String k : List.of("ip_address", "netmask", "default_route")) {
                if (subs.has(k)) {
                    throw error(subs.require(k).keyAt(), "'" + k + "' cannot be combined with dhcp");
                }
            }
            addressing = new NetworkInterface.Dhcp();
        } else {
            Sub addr = subs.require("ip_address");
            Ipv4 address = ipv4(addr, "ip_address");
            Sub mask = subs.require("netmask");
            Ipv4 netmask = ipv4(mask, "netmask");
            if (!netmask.isNetmask()) {
                throw error(mask.valueAt(), "bad netmask '" + mask.value() + "': not contiguous ones then zeros");
            }
            Optional<Ipv4> route = Optional.empty();
            if (subs.has("default_route") && !subs.require("default_route").value().equalsIgnoreCase("NONE")) {
                Sub r = subs.require("default_route");
                Ipv4 gateway = ipv4(r, "default_route");
                if ((gateway.bits() & netmask.bits()) != (address.bits() & netmask.bits())) {
                    throw error(r.valueAt(), "default_route " + gateway + " is not on " + address + "/"
                            + netmask.prefixLength() + "'s network");
                }
                route = Optional.of(gateway);
            }
            addressing = new NetworkInterface.Static(address, netmask, route);
        }
        return new NetworkInterface(name, subs.has("primary"), addressing, hostname, ipv6);
    }

    private Optional<NameService> nameService() throws SysidcfgException {
        Entry e = single.get("name_service");
        if (e == null) {
            return Optional.empty();
        }
        NameService.Kind kind = Arrays.stream(NameService.Kind.values())
                .filter(k -> k.keyword().equalsIgnoreCase(e.value())).findFirst()
                .orElseThrow(() -> error(e.valueAt(), "bad name_service '" + printable(e.value())
                        + "': expected DNS, NIS, NIS+, LDAP or NONE"));
        return Optional.of(switch (kind) {
            case NONE -> {
                if (e.hasBlock()) {
                    throw error(e.openAt(), "name_service=NONE takes no {...}");
                }
                yield new NameService(kind, Optional.empty(), List.of(), List.of(), Optional.empty());
            }
            case DNS -> dns(e);
            case NIS, NISPLUS -> nis(e, kind);
            case LDAP -> ldap(e);
        });
    }

    private NameService dns(Entry e) throws SysidcfgException {
        Subs subs = new Subs(file, e, Set.of("domain_name", "name_server", "search"), Set.of());
        Optional<String> domain = domain(subs, "domain_name");
        Sub servers = subs.require("name_server");
        List<String> addresses = list(servers, 3, v -> Ipv4.parse(v) != null, "an IPv4 address");
        List<String> search = List.of();
        if (subs.has("search")) {
            Sub s = subs.require("search");
            search = list(s, 6, Values::isDomain, "a domain name");
            if (String.join(" ", search).length() > 250) {
                throw error(s.valueAt(), "search list longer than 250 characters");
            }
        }
        return new NameService(NameService.Kind.DNS, domain, addresses, search, Optional.empty());
    }

    private NameService nis(Entry e, NameService.Kind kind) throws SysidcfgException {
        Subs subs = new Subs(file, e, Set.of("domain_name", "name_server"), Set.of());
        subs.require("domain_name");
        Optional<String> domain = domain(subs, "domain_name");
        List<String> servers = List.of();
        if (subs.has("name_server")) {
            Sub s = subs.require("name_server");
            // Solaris writes the NIS server as host(address); either part may stand alone.
            servers = list(s, 1, v -> v.matches("[A-Za-z0-9.-]+(\\([0-9.]+\\))?"), "host or host(address)");
        }
        return new NameService(kind, domain, servers, List.of(), Optional.empty());
    }

    private NameService ldap(Entry e) throws SysidcfgException {
        Subs subs = new Subs(file, e, Set.of("domain_name", "profile", "profile_server", "proxy_dn",
                "proxy_password"), Set.of());
        subs.require("domain_name");
        Optional<String> domain = domain(subs, "domain_name");
        Optional<String> server = Optional.empty();
        if (subs.has("profile_server")) {
            Sub s = subs.require("profile_server");
            if (!Values.isHost(s.value())) {
                throw error(s.valueAt(), "bad profile_server '" + printable(s.value()) + "'");
            }
            server = Optional.of(s.value());
        }
        return new NameService(NameService.Kind.LDAP, domain, List.of(), List.of(), Optional.of(new NameService.Ldap(
                subs.value("profile"), server, subs.value("proxy_dn"), subs.value("proxy_password"))));
    }

    private Optional<SecurityPolicy> securityPolicy() throws SysidcfgException {
        Entry e = single.get("security_policy");
        if (e == null) {
            return Optional.empty();
        }
        if (e.value().equalsIgnoreCase("NONE")) {
            if (e.hasBlock()) {
                throw error(e.openAt(), "security_policy=NONE takes no {...}");
            }
            return Optional.of(new SecurityPolicy(false, Optional.empty(), Optional.empty(), List.of()));
        }
        if (!e.value().equalsIgnoreCase("kerberos")) {
            throw error(e.valueAt(), "bad security_policy '" + printable(e.value()) + "': expected kerberos or NONE");
        }
        Subs subs = new Subs(file, e, Set.of("default_realm", "admin_server", "kdc"), Set.of());
        Sub realm = subs.require("default_realm");
        if (!Values.isDomain(realm.value())) {
            throw error(realm.valueAt(), "bad default_realm '" + printable(realm.value()) + "'");
        }
        Sub admin = subs.require("admin_server");
        if (!Values.isHost(admin.value())) {
            throw error(admin.valueAt(), "bad admin_server '" + printable(admin.value()) + "'");
        }
        List<String> kdcs = list(subs.require("kdc"), 3, Values::isHost, "a host name");
        return Optional.of(new SecurityPolicy(true, Optional.of(realm.value()), Optional.of(admin.value()), kdcs));
    }

    private Optional<String> domain(Subs subs, String key) throws SysidcfgException {
        if (!subs.has(key)) {
            return Optional.empty();
        }
        Sub s = subs.require(key);
        if (!Values.isDomain(s.value())) {
            throw error(s.valueAt(), "bad " + key + " '" + printable(s.value()) + "': expected a domain name");
        }
        return Optional.of(s.value());
    }

    private List<String> list(Sub s, int max, Predicate<String> valid, String expected) throws SysidcfgException {
        List<String> items = List.of(s.value().split(",", -1));
        if (items.size() > max) {
            throw error(s.valueAt(), "'" + s.key() + "' takes at most " + max + " entries, found " + items.size());
        }
        for (String item : items) {
            if (!valid.test(item)) {
                throw error(s.valueAt(), "bad " + s.key() + " entry '" + printable(item) + "': expected " + expected);
            }
        }
        return items;
    }

    private Ipv4 ipv4(Sub s, String what) throws SysidcfgException {
        Ipv4 a = Ipv4.parse(s.value());
        if (a == null) {
            throw error(s.valueAt(), "bad " + what + " '" + printable(s.value()) + "': expected an IPv4 address like 192.0.2.10");
        }
        return a;
    }

    private boolean yesNo(Sub s) throws SysidcfgException {
        return switch (s.value().toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw error(s.valueAt(), "bad " + s.key() + " '" + printable(s.value()) + "': expected yes or no");
        };
    }

    /** The value as it may appear in a one-line message: control characters and long tails cut. */
    private static String printable(String v) {
        String s = v.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private SysidcfgException error(Position at, String problem) {
        return new SysidcfgException(file, at, problem);
    }
}
