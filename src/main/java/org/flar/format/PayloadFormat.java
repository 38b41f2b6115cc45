package org.flar.format;

import java.io.InputStream;
import java.io.OutputStream;
import org.flar.format.cpio.NewcReader;
import org.flar.format.cpio.NewcWriter;
import org.flar.format.pax.PaxReader;
import org.flar.format.pax.PaxWriter;

/** The payload formats, named by the identification keyword {@code files_archived_method}. */
public enum PayloadFormat {
    PAX("pax"),
    CPIO("cpio");

    private final String keyword;

    PayloadFormat(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static PayloadFormat fromKeyword(String keyword) {
        for (PayloadFormat f : values()) {
            if (f.keyword.equalsIgnoreCase(keyword)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown files_archived_method '" + keyword + "' (known: pax, cpio)");
    }

    public PayloadWriter writer(OutputStream out) {
        return switch (this) {
            case PAX -> new PaxWriter(out);
            case CPIO -> new NewcWriter(out);
        };
    }

    public PayloadReader reader(InputStream in) {
        return switch (this) {
            case PAX -> new PaxReader(in);
            case CPIO -> new NewcReader(in);
        };
    }
}
