package org.flar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flar.identity.Change;
import org.flar.identity.HostKeys;
import org.flar.identity.UnconfigPlan;
import org.flar.identity.Unconfigurer;
import org.flar.identity.profile.ProfileChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unconfig", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Remove a system root's identity, as Solaris sys-unconfig does: what makes it one unique machine.",
            "",
            "The profile (built-in 'linux' or 'solaris', chosen from the root's os-release or Solaris markers, or "
                    + "--profile) lists the items: host name, hosts, machine-id (set to 'uninitialized': systemd's first "
                    + "boot), ssh host keys (new ones are made), network configuration, DNS, DHCP leases, root password, "
                    + "NFS mounts, logs, shell histories ... (docs/identity.md). With --save, everything removed or "
                    + "edited is kept, byte for byte with its metadata, in an identity bundle that 'flar reconfig' puts "
                    + "back. A root that is not an OS root is refused unless --profile is given."},
        footer = {"", "Examples:",
            "  flar unconfig -R /mnt/golden --dry-run",
            "  flar unconfig -R /mnt/golden --save golden.identity",
            "  flar unconfig -R /mnt/golden --profile site.profile  # extends = linux",
            "  flar unconfig --yes --save /root/web01.identity      # this machine",
            ExitCode.HELP})
final class UnconfigCommand implements Callable<Integer> {
    @Option(names = {"-R", "--root"}, paramLabel = "ROOT", description = "Root to unconfigure (default: /, the running system).")
    Path root = Path.of("/");

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "A built-in profile (linux, solaris) or a profile file.")
    String profile;

    @Option(names = "--save", paramLabel = "BUNDLE", description = "Save everything removed or edited in this identity bundle first.")
    Path save;

    @Option(names = {"-n", "--dry-run"}, description = "Only show what would be removed, truncated, replaced or edited.")
    boolean dryRun;

    @Option(names = "--yes", description = "Unconfigure the running system (-R /, the default): it is asked for, as "
            + "sys-unconfig asked, because the machine loses its name, network and keys.")
    boolean yes;

    @Mixin
    CommonOptions common;

    /** For --json. */
    record Report(String root, String profile, String os, boolean dryRun, List<Item> changes, List<String> created,
                  List<String> notes, String bundle) {
    }

    record Item(String path, String item, String action, String detail) {
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a directory (-R needs a root)");
        }
        if (!dryRun && !yes && root.toRealPath().equals(Path.of("/"))) {
            throw new IllegalArgumentException("this would unconfigure the running system (/): say --yes, or give -R ROOT, "
                    + "or look first with --dry-run");
        }
        ProfileChoice choice = ProfileChoice.forRoot(root, profile);
        UnconfigPlan plan = UnconfigPlan.of(root, choice);
        TerminalProgress progress = common.progress();
        List<String> created = List.of();
        try {
            if (!dryRun) {
                created = new Unconfigurer(progress, new HostKeys("ssh-keygen", progress)).run(plan, save, null).created();
            }
        } finally {
            progress.done();
        }
        List<Item> items = plan.changes().stream().map(UnconfigCommand::item).toList();
        if (common.json) {
            Json.print(common.out(), new Report(root.toString(), plan.profile().name(), plan.family(), dryRun, items, created,
                    plan.notes(), save == null || dryRun ? null : save.toString()));
            return ExitCode.OK;
        }
        if (common.quiet) {
            return ExitCode.OK;
        }
        for (Item i : items) {
            common.out().printf("%-10s %s%s  (%s)%n", i.action(), i.path(), i.detail().isEmpty() ? "" : ": " + i.detail(), i.item());
        }
        for (String c : created) {
            common.out().printf("%-10s %s%n", "created", c);
        }
        if (common.verbose) {
            plan.notes().forEach(n -> common.err().println("flar: note: " + n));
        }
        common.err().printf("flar: %s%d change(s) to %s (profile %s)%s%n", dryRun ? "dry run: " : "", items.size(), root,
                plan.profile().name(), save != null && !dryRun ? "; identity saved in " + save : "");
        return ExitCode.OK;
    }

    private static Item item(Change c) {
        return new Item(c.path(), c.item().name(), c.action().keyword(), c.detail());
    }
}
