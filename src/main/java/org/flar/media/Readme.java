package org.flar.media;

import org.flar.format.Identification;

/** README.TXT of a volume: for the person holding the disc, not for flar (which reads the catalog). */
final class Readme {
    private Readme() {
    }

    static String of(Catalog c) {
        String of = c.volumes() > 0 ? " of " + c.volumes() : " (volume 1 lists the whole set)";
        StringBuilder b = new StringBuilder();
        b.append("flar recovery media: set ").append(c.setName()).append(", volume ").append(c.volume()).append(of)
                .append("\r\n\r\n");
        b.append("Label ").append(c.label()).append(", set id ").append(c.setId()).append(".\r\n");
        String name = c.identification().get(Identification.CONTENT_NAME);
        if (name != null) {
            b.append("Archive ").append(name).append(", created ").append(c.identification().getOrDefault(Identification.CREATION_DATE, "?"))
                    .append(" (UTC) on ").append(c.identification().getOrDefault(Identification.CREATION_MASTER, "?")).append(".\r\n");
        }
        b.append("""
                \r
                This disc holds part of a flar flash archive, cut into pieces (FLAR/P0001, ...)\r
                listed with their size and SHA-256 in FLAR/CATALOG.TXT. Keep the volumes of a\r
                set together; a volume of another set is refused.\r
                \r
                To restore a machine: boot volume 1 (when it is bootable) and answer its question,\r
                then insert each volume it asks for. On a running Linux with flar:\r
                  flar media restore -R /mnt/target --drive /dev/sr0   (one drive, asks for each volume)\r
                  flar media restore -R /mnt/target NAME-1.iso NAME-2.iso ...\r
                  flar media verify NAME-1.iso NAME-2.iso ...           (checks the set, writes nothing)\r
                \r
                Without flar: the pieces of volume 1, then volume 2, ... joined in order (cat) are\r
                the archive; its SHA-256 is archive_sha256 in volume 1's catalog.\r
                """);
        return b.toString();
    }
}
