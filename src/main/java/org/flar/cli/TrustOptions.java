package org.flar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flar.signature.TrustedKeys;
import picocli.CommandLine.Option;

/** --trusted-key: deploy, verify, media restore, recover. */
final class TrustOptions {
    @Option(names = "--trusted-key", paramLabel = "PUBKEY", description = "Refuse an archive unless it is signed by this "
            + "minisign public key (flar keygen's .pub, or minisign -G's); repeatable. The .pub files in "
            + TrustedKeys.SYSTEM_DIR + "/ are trusted too, and required likewise once there is one. An unsigned "
            + "archive, or one signed by another key or whose signature does not verify, is refused before "
            + "anything is written (exit 4).")
    List<Path> keys = new ArrayList<>();

    TrustedKeys load() throws IOException {
        return TrustedKeys.load(keys, Path.of(TrustedKeys.SYSTEM_DIR));
    }
}
