package org.flar.location;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.flar.fs.Posix;

/** "-": standard input to read, standard output to write (never a terminal). */
public record StandardStreams() implements Location {

    @Override
    public InputStream read() {
        return new BufferedInputStream(System.in, 1 << 20);
    }

    @Override
    public void write(Body body, boolean sync) throws IOException {
        // Standard output itself: Console.isTerminal() also wants standard input to be one.
        if (Posix.isatty(1)) {
            throw new IllegalArgumentException("refusing to write an archive to a terminal; redirect standard output or name a file");
        }
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20);
        body.write(out, null);
        out.flush();
    }

    @Override
    public String toString() {
        return "(standard input)";
    }
}
