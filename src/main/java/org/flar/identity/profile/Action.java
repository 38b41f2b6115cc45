package org.flar.identity.profile;

/** What unconfiguring does to an identity item's files. */
public enum Action {
    /** Delete the file (directories: with everything in them). */
    REMOVE("remove"),
    /** Keep the file, empty it. */
    TRUNCATE("truncate"),
    /** Keep the file, replace its content with the item's default content. */
    REPLACE("replace"),
    /** Keep the file, drop or rewrite matching lines. */
    EDIT_LINES("edit-lines"),
    /** Delete the files and make new ones at deploy (ssh host keys). */
    REGENERATE("regenerate"),
    /** Do nothing: lets a user profile switch off a built-in item. */
    KEEP("keep");

    private final String keyword;

    Action(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** The action named {@code keyword}, or null. */
    static Action of(String keyword) {
        for (Action a : values()) {
            if (a.keyword.equals(keyword)) {
                return a;
            }
        }
        return null;
    }
}
