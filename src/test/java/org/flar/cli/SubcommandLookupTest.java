package org.flar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run that names a subcommand builds only that one's model; help and mistakes see them all. */
class SubcommandLookupTest {
    private static final CommandLine ALL = new CommandLine(Main.class);

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        CommandLine cli = Main.commandLine("create", "-n", "x", "-R", "/", "out.flar");
        assertThat(cli.getSubcommands()).containsOnlyKeys("create");
        assertThat(cli.getSubcommands().get("create").getCommandSpec().qualifiedName()).isEqualTo("flar create");
        assertThat(Main.commandLine("media", "create").getSubcommands().get("media").getSubcommands())
                .containsOnlyKeys(ALL.getSubcommands().get("media").getSubcommands().keySet());
    }

    @Test
    void everySubcommandButHelpIsFoundByItsNames() {
        ALL.getSubcommands().forEach((name, sub) -> {
            Class<?> found = Main.subcommand(name);
            if (name.equals("help")) {
                assertThat(found).isNull();
            } else {
                assertThat(found).as(name).isEqualTo(sub.getCommandSpec().userObject().getClass());
            }
        });
    }

    @Test
    void helpVersionAndUnknownNamesGetEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"help", "create"}, {"creat"}}) {
            assertThat(Main.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(ALL.getSubcommands().keySet());
        }
    }
}
