package org.flar.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.signature.KeyPassword;
import picocli.CommandLine.Option;

/** --key-password-file: sign, create --sign, keygen --protect. */
final class KeyPasswordOptions {
    @Option(names = "--key-password-file", paramLabel = "FILE", description = "The secret key's password: the first line "
            + "of FILE (for unattended signing with a protected key). Without it, a protected key's password is asked on "
            + "the terminal, and refused when there is none. Never on the command line.")
    Path file;

    KeyPassword source() {
        return key -> {
            if (file != null) {
                return firstLine().toCharArray();
            }
            Console c = System.console();
            return c == null ? null : c.readPassword("Password for %s: ", key);
        };
    }

    /** A new key's password: the file's, or typed twice on the terminal; null when neither can be had. */
    char[] forNewKey() throws IOException {
        if (file != null) {
            return firstLine().toCharArray();
        }
        Console c = System.console();
        if (c == null) {
            return null;
        }
        char[] first = c.readPassword("Password for the new key: ");
        char[] again = c.readPassword("The same password again: ");
        if (!java.util.Arrays.equals(first, again)) {
            throw new IllegalArgumentException("the two passwords differ; no key was written");
        }
        return first;
    }

    private String firstLine() throws IOException {
        if (Files.size(file) > 4096) {
            throw new IllegalArgumentException(file + ": too large for a password file");
        }
        String text = Files.readString(file, UTF_8);
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        if (line.isEmpty()) {
            throw new IllegalArgumentException(file + ": the password file's first line is empty");
        }
        return line;
    }
}
