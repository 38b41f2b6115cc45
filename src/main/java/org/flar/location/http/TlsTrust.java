package org.flar.location.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificate authorities https trusts: the system's (the JDK's default, on Debian the
 * ca-certificates store) or, with --ca-file, only the PEM certificates in that file — a site's
 * own CA, as curl's --cacert.
 */
final class TlsTrust {
    private TlsTrust() {
    }

    static SSLContext context(Path caFile) throws IOException {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + n++, c);
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException(caFile + ": no PEM certificate in it (--ca-file)");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(caFile + ": not a PEM certificate file (--ca-file): " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }
}
