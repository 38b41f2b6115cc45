package org.flar.identity.sysidcfg;

import java.util.List;
import java.util.Optional;

/**
 * The {@code name_service} entry.
 *
 * @param kind DNS, NIS, NIS+, LDAP or NONE
 * @param domainName {@code domain_name}
 * @param nameServers DNS: up to three addresses; NIS: {@code host(address)} as written
 * @param search DNS search domains, up to six
 * @param ldap LDAP's own settings (empty otherwise)
 */
public record NameService(Kind kind, Optional<String> domainName, List<String> nameServers, List<String> search,
        Optional<Ldap> ldap) {
    public enum Kind {
        DNS("DNS"), NIS("NIS"), NISPLUS("NIS+"), LDAP("LDAP"), NONE("NONE");

        final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** {@code profile=... profile_server=... proxy_dn="..." proxy_password=...}. */
    public record Ldap(Optional<String> profile, Optional<String> profileServer, Optional<String> proxyDn,
            Optional<String> proxyPassword) {
    }

    public NameService {
        nameServers = List.copyOf(nameServers);
        search = List.copyOf(search);
    }
}
