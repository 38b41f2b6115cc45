package org.flar.cli;

import picocli.CommandLine.Command;

@Command(name = "media", mixinStandardHelpOptions = true,
        description = {
            "Recovery media: write an archive, or a capture straight from a root, as a set of ISO 9660 volumes "
                    + "(CD, DVD, Blu-ray or any size), restore a machine from them, check them.",
            "",
            "Each volume holds its share of the archive as pieces of at most 256 MiB with their SHA-256 in a "
                    + "catalog (FLAR/CATALOG.TXT), and a README.TXT. Volume 1's catalog lists the whole set. "
                    + "See docs/media.md."},
        subcommands = {MediaCreateCommand.class, MediaRestoreCommand.class, MediaVerifyCommand.class},
        footer = {"", "Examples:",
            "  flar media create --media dvd5 web01.flar /srv/media",
            "  flar media create --media cd700 -R / --name web01 /srv/media     # capture into volumes, for cron",
            "  flar media restore -R /mnt/target /srv/media/web01-*.iso",
            "  flar media restore -R /mnt/target --drive /dev/sr0",
            "  flar media verify /srv/media", ExitCode.HELP})
final class MediaCommand {
}
