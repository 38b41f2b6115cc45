package org.flar.scripts;

import org.flar.format.FlashArchive;

/**
 * When a deployment script runs, Solaris Flash's phases plus the clone's own. {@code dir} is the
 * directory under {@code /etc/flash/} a master (or, for local_customization, a clone) keeps them
 * in; {@code section} the archive section that carries them, or null for scripts that never
 * travel.
 */
public enum Phase {
    /** On the master, before the capture (stop a database, flush a cache). */
    PRECREATION("precreation", null),
    /** On the deploying host, after every check and before the first write: the target may be empty. */
    PREDEPLOYMENT("predeployment", FlashArchive.PREDEPLOYMENT),
    /** Chrooted into the target, after the whole chain and the identity step. */
    POSTDEPLOYMENT("postdeployment", FlashArchive.POSTDEPLOYMENT),
    /** On the deployed system's first boot, by a systemd unit that removes itself. */
    REBOOT("reboot", FlashArchive.REBOOT),
    /** The clone's own /etc/flash/local_customization, chrooted, after the archive's postdeployment scripts. */
    LOCAL_CUSTOMIZATION("local_customization", null);

    private final String dir;
    private final String section;

    Phase(String dir, String section) {
        this.dir = dir;
        this.section = section;
    }

    public String dir() {
        return dir;
    }

    /** The archive section, or null. */
    public String section() {
        return section;
    }

    /** A phase by its name as {@code --script PHASE=FILE} gives it (precreation, predeployment, postdeployment, reboot). */
    public static Phase named(String name) {
        for (Phase p : values()) {
            if (p.dir.equals(name) && p != LOCAL_CUSTOMIZATION) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown script phase '" + name
                + "': precreation, predeployment, postdeployment or reboot");
    }

    @Override
    public String toString() {
        return dir;
    }
}
