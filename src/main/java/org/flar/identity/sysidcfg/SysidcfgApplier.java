package org.flar.identity.sysidcfg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Sysidcfg} into a target root in the formats the target uses: host name and
 * hosts, network configuration ({@link NetworkLayout}), DNS, time zone, locale, keyboard, root's
 * password hash and time server. See docs/sysidcfg.md for what each keyword writes per layout.
 *
 * <p>Everything is planned and checked before the first write, so an error (a time zone the target
 * lacks, an interface name that cannot be resolved, a symlinked directory on the way) leaves the
 * target as it was. Every write stays inside the root, is atomic, and keeps the owner, mode and
 * extended attributes of the file it replaces.
 */
public final class SysidcfgApplier {
    private SysidcfgApplier() {
    }

    /**
     * Applies {@code config} to the root at {@code root} (typically a freshly deployed, unconfigured
     * clone).
     *
     * @return the files written and the settings that were not applied, with reasons
     * @throws SysidcfgException when a value does not fit the target (at the sysidcfg's line and column)
     * @throws IOException when the target cannot be read or written; nothing was written if this
     *         happened while planning
     */
    public static Applied apply(Sysidcfg config, Path root) throws IOException {
        return run(config, root, false);
    }

    /**
     * Makes every check {@link #apply} makes against the target and writes nothing;
     * {@link Applied#written()} then lists what apply would write.
     */
    public static Applied dryRun(Sysidcfg config, Path root) throws IOException {
        return run(config, root, true);
    }

    private static Applied run(Sysidcfg config, Path root, boolean dryRun) throws IOException {
        try (RootFiles files = new RootFiles(root)) {
            Plan plan = new Plan();
            NetworkLayout layout = plan(config, files, plan);
            for (Plan.Change c : plan.changes()) {
                files.checkWritable(c.path());
            }
            List<String> written = new ArrayList<>();
            for (Plan.Change c : plan.changes()) {
                if (!dryRun && c.linkTarget() != null) {
                    files.symlink(c.path(), c.linkTarget());
                } else if (!dryRun) {
                    files.write(c.path(), c.content(), c.newMode());
                }
                written.add("/" + c.path());
            }
            return new Applied(written, layout, plan.notes());
        }
    }

    private static NetworkLayout plan(Sysidcfg config, RootFiles root, Plan plan) throws IOException {
        boolean debian = root.lstat("etc/debian_version").isPresent();
        NetworkLayout layout = NetworkLayout.detect(root);
        List<Nic> nics = InterfaceNames.resolve(config, layout, layout.configured(root));
        if (!nics.isEmpty()) {
            switch (layout) {
                case NETPLAN -> NetplanWriter.plan(nics, plan);
                case NETWORK_MANAGER -> NmKeyfileWriter.plan(nics, plan);
                case IFCFG -> IfcfgWriter.plan(nics, plan);
                case NETWORKD -> NetworkdWriter.plan(nics, root, plan);
                case IFUPDOWN -> IfupdownWriter.plan(nics, root, plan);
            }
        }
        HostsWriter.plan(config, nics, root, plan);
        MachineIdWriter.plan(root, plan);
        if (config.nameService().isPresent()) {
            NameService ns = config.nameService().get();
            switch (ns.kind()) {
                case DNS -> ResolverWriter.plan(ns, root, plan);
                case NONE -> { }
                default -> plan.note("name_service=" + ns.kind().keyword() + ": not applied; flar configures DNS "
                        + "only (NIS and LDAP clients need their packages and a bind configuration flar cannot test)");
            }
        }
        if (config.timezone().isPresent()) {
            ClockWriter.planTimezone(config.timezone().get(), config.origin(), root, debian, plan);
        }
        if (config.timeserver().isPresent()) {
            ClockWriter.planTimeserver(config.timeserver().get(), root, plan);
        }
        if (config.systemLocale().isPresent()) {
            LocaleWriter.planLocale(config.systemLocale().get(), root, debian, plan);
        }
        if (config.keyboard().isPresent()) {
            LocaleWriter.planKeyboard(config.keyboard().get(), root, debian, plan);
        }
        if (config.rootPassword().isPresent()) {
            ShadowWriter.plan(config.rootPassword().get(), root, plan);
        }
        config.securityPolicy().filter(SecurityPolicy::kerberos).ifPresent(p -> plan.note(
                "security_policy=kerberos: not applied; write krb5.conf with your configuration management"));
        config.terminal().ifPresent(t -> plan.note("terminal=" + t + ": not applied; Linux consoles set TERM "
                + "themselves (systemd's getty units)"));
        config.nfs4Domain().ifPresent(d -> plan.note("nfs4_domain=" + d + ": not applied; set Domain in "
                + "/etc/idmapd.conf if NFSv4 ID mapping needs it"));
        config.serviceProfile().ifPresent(s -> plan.note("service_profile=" + s + ": not applied; it selects "
                + "Solaris SMF profiles, which have no Linux equivalent"));
        return layout;
    }
}
