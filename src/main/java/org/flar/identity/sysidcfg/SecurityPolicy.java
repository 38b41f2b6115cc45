package org.flar.identity.sysidcfg;

import java.util.List;
import java.util.Optional;

/** {@code security_policy=NONE} (empty realm) or {@code kerberos {default_realm=... admin_server=... kdc=...}}. */
public record SecurityPolicy(boolean kerberos, Optional<String> defaultRealm, Optional<String> adminServer,
        List<String> kdcs) {
    public SecurityPolicy {
        kdcs = List.copyOf(kdcs);
    }
}
