package org.flar.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's certificate and key for HTTPS, from the PEM files every CA and {@code openssl}
 * hand out: the certificate chain (the server's first), and an unencrypted PKCS#8 key ({@code
 * BEGIN PRIVATE KEY}: RSA, EC or Ed25519), so no keystore has to be made for flar.
 */
public final class TlsIdentity {
    private TlsIdentity() {
    }

    public static SSLContext load(Path certificates, Path key) throws IOException {
        try {
            List<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(certificates)) {
                chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new IOException(certificates + ": no PEM certificate in it");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("flar", privateKey(key), new char[0], chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException(certificates + ", " + key + ": not a usable certificate and key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY") || pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
            throw new IOException(file + ": an encrypted or traditional-format key; convert it once with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8' (and keep it mode 600)");
        }
        int start = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IOException(file + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + 27, end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // the next kind
            }
        }
        throw new IOException(file + ": a private key flar cannot read (RSA, EC and Ed25519 are)");
    }
}
