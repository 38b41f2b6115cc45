package org.flar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flar.format.FlashArchive;
import org.flar.format.FlashArchiveReader;
import org.flar.layout.Layout;
import org.flar.layout.LayoutJson;
import org.flar.layout.LayoutTree;
import org.flar.format.Identification;
import org.flar.format.ManifestEntry;
import org.flar.format.ManifestReader;
import org.flar.format.ScriptSection;
import org.flar.format.Show;
import org.flar.location.Location;
import org.flar.signature.TrustedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {
            "Show an archive's identification keywords (and with -l its entries, like tar -tv). Reads only the "
                    + "text sections, never the payload, so it is quick on any size of archive; it also reads "
                    + "Solaris flash archives."},
        footer = {"", "Examples:", "  flar info web01.flar", "  flar info -k content_name web01.flar",
            "  flar info --json -l web01.flar | jq '.entries | length'", "  flar info --layout web01.flar", ExitCode.HELP})
final class InfoCommand implements Callable<Integer> {
    @Option(names = {"-l", "--list"}, description = "List the entries from the manifest.")
    boolean list;

    @Option(names = "--layout", description = "Show the disk layout recorded at capture as a tree, like lsblk "
            + "(with --json: the layout section itself, docs/layout.md).")
    boolean layout;

    @Option(names = {"-k", "--keyword"}, paramLabel = "KEYWORD", description = "Print only this keyword's value.")
    String keyword;

    @Mixin
    CommonOptions common;

    @Mixin
    LocationOptions locations;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive: a file, - for standard input, an http(s):// URL or "
            + "s3://BUCKET/KEY. Only the bytes before the payload are fetched.")
    String archive;

    /** The deployment scripts per phase, checked as deploy reads them: name, size, sha256. */
    private static Map<String, List<Map<String, Object>>> scripts(FlashArchiveReader reader) throws IOException {
        Map<String, List<Map<String, Object>>> phases = new LinkedHashMap<>();
        for (String section : ScriptSection.SECTIONS) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ScriptSection.Script s : ScriptSection.read(reader, section)) {
                list.add(Map.of("name", s.name(), "size", s.content().length, "sha256", s.sha256()));
            }
            if (!list.isEmpty()) {
                phases.put(section, list);
            }
        }
        return phases;
    }

    @Override
    public Integer call() throws IOException {
        Location location = locations.of(archive, common.progress());
        try (InputStream in = location.readSections();
             FlashArchiveReader reader = FlashArchiveReader.open(in, location.toString())) {
            Identification id = reader.identification();
            if (layout) {
                return showLayout(reader);
            }
            if (keyword != null) {
                String v = id.get(keyword);
                if (v == null) {
                    throw new IllegalArgumentException(location + ": no keyword '" + Show.line(keyword) + "'");
                }
                common.out().println(Show.text(v));
                return ExitCode.OK;
            }
            for (String unknown : id.unknownKeywords()) {
                common.err().println("flar: note: unknown identification keyword '" + Show.line(unknown) + "'");
            }
            if (common.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("location", location.toString());
                Map<String, String> keywords = new LinkedHashMap<>();
                for (String k : id.keywords()) {
                    keywords.put(k, id.get(k));
                }
                out.put("identification", keywords);
                out.put("sections", reader.sectionNames());
                out.put("scripts", scripts(reader));
                out.put("signedBy", TrustedKeys.signer(reader));
                if (list) {
                    List<Map<String, Object>> entries = new ArrayList<>();
                    try (ManifestReader m = reader.manifest()) {
                        for (ManifestEntry e = m.next(); e != null; e = m.next()) {
                            entries.add(EntryListing.asMap(e));
                        }
                    }
                    out.put("entries", entries);
                }
                Json.print(common.out(), out);
                return ExitCode.OK;
            }
            for (String k : id.keywords()) {
                if (k.equalsIgnoreCase(Identification.FLAR_PADDING)) {
                    continue; // only fills the header to whole blocks (docs/format.md); the JSON keeps it
                }
                // The archive wrote these: printed with control characters escaped, as every listing is.
                common.out().println(Show.text(k + "=" + id.get(k)));
            }
            if (TrustedKeys.signer(reader) != null) {
                common.out().println("signature key " + TrustedKeys.signer(reader) + " (checked by verify and deploy with --trusted-key)");
            }
            scripts(reader).forEach((phase, names) -> names.forEach(s ->
                    common.out().println("script " + phase + " " + s.get("name") + " " + s.get("size") + " bytes sha256 "
                            + s.get("sha256"))));
            if (list) {
                try (ManifestReader m = reader.manifest()) {
                    for (ManifestEntry e = m.next(); e != null; e = m.next()) {
                        common.out().println(EntryListing.line(e));
                    }
                }
            }
        }
        return ExitCode.OK;
    }

    private int showLayout(FlashArchiveReader reader) throws IOException {
        if (!reader.hasSection(FlashArchive.LAYOUT)) {
            throw new IllegalArgumentException(reader.name() + ": no layout section (one is recorded when a running system "
                    + "is captured, or with --layout-from)");
        }
        Layout l = LayoutJson.read(reader.section(FlashArchive.LAYOUT), reader.name() + ": layout section");
        if (common.json) {
            common.out().print(new String(LayoutJson.write(l), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            LayoutTree.lines(l).forEach(line -> common.out().println(Show.text(line)));
        }
        return ExitCode.OK;
    }
}
