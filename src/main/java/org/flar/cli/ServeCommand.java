package org.flar.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flar.serve.ArchiveServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flar serve}: the install server (docs/install-server.md). So far it serves a directory
 * of archives over HTTP with range requests, and {@code check} validates a site's rules.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "The install server. Serves the archives in DIR over HTTP at /archives/NAME, with range requests "
                    + "(a cut transfer resumes where it stopped) and validators (a file replaced meanwhile is "
                    + "refused, not spliced), to any number of machines at once from the page cache; runs until "
                    + "interrupted. Machines deploy with 'flar deploy -R ROOT http://SERVER:PORT/archives/NAME'. "
                    + "'flar serve check' validates a rules file, its profiles and templates. Network boot and "
                    + "rule-driven installs are not built yet (docs/install-server.md)."},
        subcommands = {ServeCheckCommand.class},
        footer = {"", "Examples:", "  flar serve --archives /srv/flar --listen 0.0.0.0:8080",
            "  flar serve check /srv/flar/rules", ExitCode.HELP})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--archives", paramLabel = "DIR", description = "The directory whose files are "
            + "served (names of letters, digits and ._+-, not starting with a dot; no subdirectories).")
    Path archives;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default: 0.0.0.0:8080; port 0 "
            + "picks a free one, printed).")
    String listen = "0.0.0.0:8080";

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (archives == null) {
            throw new IllegalArgumentException("give --archives DIR to serve (or a command: check)");
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen " + listen + ": expected HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen " + listen + ": the port is not a number");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        try (ArchiveServer server = ArchiveServer.start(archives, new InetSocketAddress(host, port),
                line -> common.err().println("flar serve: " + line))) {
            common.err().println("flar serve: serving " + archives + " at " + server.url() + "archives/");
            common.err().flush();
            new CountDownLatch(1).await(); // until the process is interrupted (SIGINT, SIGTERM)
        }
        return ExitCode.OK;
    }
}
