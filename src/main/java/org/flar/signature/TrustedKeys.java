package org.flar.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.format.Show;

/**
 * The keys an archive must be signed by: {@code --trusted-key} files and every {@code *.pub} in
 * {@value #SYSTEM_DIR}. With none, nothing is required. With any, an archive must carry a
 * signature section by one of them that verifies over its identification section; since the
 * identification binds every other section and the payload by their hashes, and deploy checks
 * each of those before using it, nothing the key did not sign is ever written.
 */
public final class TrustedKeys {
    /** Where a site keeps its trusted public keys, one minisign .pub file each. */
    public static final String SYSTEM_DIR = "/etc/flar/trusted-keys";

    private final Map<KeyId, PublicKeyFile> keys = new LinkedHashMap<>();

    private TrustedKeys() {
    }

    public static TrustedKeys none() {
        return new TrustedKeys();
    }

    /** The given key files, and the .pub files of {@code dir} when it exists (sorted, others ignored). */
    public static TrustedKeys load(List<Path> given, Path dir) throws IOException {
        TrustedKeys t = new TrustedKeys();
        List<Path> files = new ArrayList<>(given);
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".pub")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            PublicKeyFile k = PublicKeyFile.read(f);
            t.keys.put(k.id(), k);
        }
        return t;
    }

    public boolean required() {
        return !keys.isEmpty();
    }

    public List<PublicKeyFile> keys() {
        return List.copyOf(keys.values());
    }

    /**
     * Refuses {@code archive} unless a trusted key signed it; nothing when no key is trusted.
     *
     * @return the trusted comment of the signature, or null when nothing was required
     */
    public String check(FlashArchiveReader archive) throws IOException {
        if (!required()) {
            return null;
        }
        String name = archive.name();
        if (!archive.hasSection(FlashArchive.SIGNATURE)) {
            throw new UntrustedArchiveException(name + ": not signed, and a trusted key is required (" + ids()
                    + "); nothing was written");
        }
        MinisignSignature sig;
        try {
            sig = MinisignSignature.parse(new String(archive.section(FlashArchive.SIGNATURE), UTF_8), name + " (signature section)");
        } catch (KeyFileException e) {
            throw new UntrustedArchiveException(e.getMessage() + "; nothing was written");
        }
        PublicKeyFile key = keys.get(sig.keyId());
        if (key == null) {
            throw new UntrustedArchiveException(name + ": signed by key " + sig.keyId() + ", which is not trusted ("
                    + ids() + "); nothing was written");
        }
        if (!sig.verifies(key, MinisignSignature.blake2b512(archive.section(FlashArchive.IDENTIFICATION)))) {
            throw new UntrustedArchiveException(name + ": the signature by key " + sig.keyId()
                    + " does not verify (the archive or its signature was altered); nothing was written");
        }
        return sig.trustedComment();
    }

    /** Checks a detached signature ({@code minisign -S}'s) over the whole file. */
    public String checkDetached(Path file, Path signature) throws IOException {
        MinisignSignature sig;
        try {
            sig = MinisignSignature.parse(Files.readString(signature, UTF_8), signature.toString());
        } catch (KeyFileException e) {
            throw new UntrustedArchiveException(e.getMessage());
        }
        PublicKeyFile key = keys.get(sig.keyId());
        if (key == null) {
            throw new UntrustedArchiveException(signature + ": signed by key " + sig.keyId() + ", which is not trusted ("
                    + ids() + ")");
        }
        byte[] hash;
        try (InputStream in = Files.newInputStream(file)) {
            hash = MinisignSignature.blake2b512(in);
        }
        if (!sig.verifies(key, hash)) {
            throw new UntrustedArchiveException(signature + ": the signature by key " + sig.keyId() + " does not verify "
                    + "over " + file);
        }
        return sig.trustedComment();
    }

    private String ids() {
        return "trusted: " + String.join(", ", keys.keySet().stream().map(KeyId::toString).toList());
    }

    /** For messages about an archive that carries a signature: its key id, or null. */
    public static String signer(FlashArchiveReader archive) throws IOException {
        if (!archive.hasSection(FlashArchive.SIGNATURE)) {
            return null;
        }
        try {
            return MinisignSignature.parse(new String(archive.section(FlashArchive.SIGNATURE), UTF_8), archive.name())
                    .keyId().toString();
        } catch (KeyFileException e) {
            return "(unreadable: " + Show.line(e.getMessage()) + ")";
        }
    }

}
