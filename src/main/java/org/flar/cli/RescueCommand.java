package org.flar.cli;

import picocli.CommandLine.Command;

@Command(name = "rescue", mixinStandardHelpOptions = true,
        description = {
            "The rescue system: a small Linux (kernel, busybox, disk tools, GRUB, a trimmed Java runtime and "
                    + "flar) that boots from volume 1 of a media set, or from its own ISO, and restores a machine "
                    + "onto a blank disk. See docs/rescue.md."},
        subcommands = {RescueBuildCommand.class},
        footer = ExitCode.HELP)
final class RescueCommand {
}
