package org.flar.entry;

/** The kinds of file-system object a flash archive carries, with their one-word manifest names. */
public enum EntryType {
    FILE("file"),
    DIRECTORY("dir"),
    SYMLINK("link"),
    /** A second name for a regular file stored earlier in the same archive. */
    HARDLINK("hardlink"),
    FIFO("fifo"),
    CHAR_DEVICE("char"),
    BLOCK_DEVICE("block");

    private final String keyword;

    EntryType(String keyword) {
        this.keyword = keyword;
    }

    /** The value of the manifest's {@code type=} keyword. */
    public String keyword() {
        return keyword;
    }

    public static EntryType fromKeyword(String keyword) {
        for (EntryType t : values()) {
            if (t.keyword.equals(keyword)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown entry type '" + keyword + "'");
    }

    public boolean isDevice() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE;
    }
}
