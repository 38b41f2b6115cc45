package org.flar.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.flar.deploy.DeployResult;
import org.flar.deploy.chain.ChainDeploy;
import org.flar.format.FlashArchiveReader;
import org.flar.signature.TrustedKeys;
import org.flar.progress.Progress;
import org.flar.verify.Verifier;

/** Restores or verifies the archive of a volume set, through the library's deployer and verifier. */
public final class SetRestore {
    private final VolumeSource source;
    private final Progress progress;

    public SetRestore(VolumeSource source, Progress progress) {
        this.source = source;
        this.progress = progress;
    }

    /** Volume 1's catalog: what the set holds, for the person restoring. */
    public Catalog set() throws IOException {
        return source.first().catalog();
    }

    /**
     * Deploys the set's archive into {@code target} as {@code flar deploy} does (the saved
     * identity kept, the deployed state recorded unless {@code recordState} is false). Unless the
     * volumes can be replaced on the way (a drive), every piece is checked before anything is
     * written, so a damaged set leaves the target as it was.
     *
     * @param singlePass skip that check: pieces are still checked before use, but a damaged one
     *                   then stops the restore part way
     */
    public DeployResult restore(Path target, boolean recordState, boolean singlePass) throws IOException {
        return restore(target, recordState, singlePass, TrustedKeys.none());
    }

    /** Volume 1's public key of the archive's signer (as media create --public-key put it there), or null. */
    public byte[] signerKey() throws IOException {
        return source.first().readFile(Catalog.SIGNER_KEY, 4096);
    }

    /** @param trust the keys the archive must be signed by, checked before anything is written */
    public DeployResult restore(Path target, boolean recordState, boolean singlePass, TrustedKeys trust) throws IOException {
        Catalog set = set();
        if (!singlePass && !source.replaceable()) {
            SetStream.checkAll(source, set, progress);
        }
        try (SetStream in = new SetStream(source, set)) {
            DeployResult r = new ChainDeploy(target, true, progress).recordState(recordState)
                    .admitting((archive, root) -> trust.check(archive))
                    .deploy(new BufferedInputStream(in, 1 << 20), "volume set " + set.setName());
            in.drain();
            return r;
        }
    }

    /**
     * A text section of the set's archive (its layout, for a recovery), or null when it has none:
     * read from the first volume(s) only as far as the payload's start.
     */
    public byte[] section(String name) throws IOException {
        return sections(reader -> reader.hasSection(name) ? reader.section(name) : null);
    }

    /** Refuses the set unless {@code trust} admits its archive: its text sections only, read from the first volume(s). */
    public void admit(TrustedKeys trust) throws IOException {
        sections(trust::check);
    }

    private interface SectionRead<T> {
        T from(FlashArchiveReader reader) throws IOException;
    }

    /** Reads the set's archive only as far as the payload's start. */
    private <T> T sections(SectionRead<T> read) throws IOException {
        Catalog set = set();
        try (SetStream in = new SetStream(source, set);
                FlashArchiveReader reader = FlashArchiveReader.open(new BufferedInputStream(in, 1 << 16),
                        "volume set " + set.setName())) {
            return read.from(reader);
        }
    }

    /** Checks every piece, the whole archive's SHA-256, and the archive itself, writing nothing. */
    public Verifier.VerifyResult verify() throws IOException {
        Catalog set = set();
        try (SetStream in = new SetStream(source, set)) {
            Verifier.VerifyResult r = new Verifier(progress).verify(new BufferedInputStream(in, 1 << 20),
                    "volume set " + set.setName());
            in.drain();
            return r;
        }
    }
}
