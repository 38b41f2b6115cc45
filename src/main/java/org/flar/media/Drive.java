package org.flar.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * One drive read in sequence: asks for each volume by number and label, and waits for Enter.
 * A wrong volume (another number, another set) or a damaged one is named and asked for again;
 * what was already restored stays, since the restore resumes at the piece that failed. The
 * drive is a device ({@code /dev/sr0}), an image file, or a directory where each disc is mounted.
 */
public final class Drive implements VolumeSource {
    private final Path drive;
    private final BufferedReader answers;
    private final PrintWriter prompts;
    private Volume current;

    public Drive(Path drive, BufferedReader answers, PrintWriter prompts) {
        this.drive = drive;
        this.answers = answers;
        this.prompts = prompts;
    }

    @Override
    public boolean replaceable() {
        return true;
    }

    @Override
    public Volume first() throws IOException {
        String want = "volume 1 of the set";
        while (true) {
            ask("insert " + want + " into " + drive + " and press Enter");
            try {
                current = Volume.open(drive);
                if (current.catalog().volume() == 1) {
                    return current;
                }
                prompts.println("flar: " + current.describe() + " is volume " + current.catalog().volume()
                        + "; the restore starts with volume 1 (" + Catalog.label(current.catalog().setId(), 1) + ")");
                want = "volume 1 (" + Catalog.label(current.catalog().setId(), 1) + ")";
            } catch (IOException e) {
                prompts.println("flar: " + oneLine(e));
            }
            closeCurrent();
        }
    }

    @Override
    public Volume volume(Catalog set, int number) throws IOException {
        if (current != null && current.catalog().setId().equals(set.setId()) && current.catalog().volume() == number) {
            return current;
        }
        return insert(set, number, "insert volume " + number + " of " + set.volumes());
    }

    @Override
    public Volume retry(Catalog set, int number, IOException problem) throws IOException {
        prompts.println("flar: " + oneLine(problem));
        return insert(set, number, "insert a good copy of volume " + number + " of " + set.volumes());
    }

    private Volume insert(Catalog set, int number, String request) throws IOException {
        closeCurrent();
        while (true) {
            ask(request + " (label " + Catalog.label(set.setId(), number) + ") into " + drive + " and press Enter");
            try {
                current = Volume.open(drive);
                VolumeSource.checkBelongs(current, set, number);
                return current;
            } catch (IOException e) {
                prompts.println("flar: " + oneLine(e));
                closeCurrent();
            }
        }
    }

    private void ask(String question) throws IOException {
        prompts.print("flar: " + question + " ");
        prompts.flush();
        if (answers.readLine() == null) {
            prompts.println();
            throw new IOException("no answer on standard input while waiting to " + question.replace(" and press Enter", ""));
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    static String oneLine(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such drive or image";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
