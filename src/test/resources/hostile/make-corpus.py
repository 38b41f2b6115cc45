#!/usr/bin/env python3
"""Writes the hostile flash archives of this directory.

An independent writer of docs/format.md (Python's tarfile for the pax payload, hashlib for
every checksum), so each archive is well-formed where it has to be, with its checksums right,
and hostile exactly where its name says. Run from this directory: python3 make-corpus.py
"""
import hashlib
import io
import tarfile

MTIME = 1700000000


def esc(s):
    out = []
    for b in s.encode():
        if b <= 0x20 or b == 0x7f or b in b"\\,":
            out.append("\\%03o" % b)
        else:
            out.append(chr(b))
    return "".join(out)


def manifest_line(e):
    t = {"dir": "dir", "file": "file", "link": "link", "hardlink": "hardlink"}[e["type"]]
    line = "%s type=%s mode=%04o uid=0 gid=0 mtime=%d.000000000" % (esc(e["path"]), t, e.get("mode", 0o644), MTIME)
    data = e.get("data", b"")
    if e["type"] == "file":
        if e.get("size", len(data)):
            line += " size=%d" % e.get("size", len(data))
        line += " sha256=" + e.get("sha256", hashlib.sha256(data).hexdigest())
    if "link" in e:
        line += " link=" + esc(e["link"])
    return line


def payload(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for e in entries:
            ti = tarfile.TarInfo("./" if e["path"] == "." else e["path"])
            ti.mtime = MTIME
            ti.mode = e.get("mode", 0o644)
            ti.uid = ti.gid = 0
            data = e.get("data", b"")
            if e["type"] == "dir":
                ti.type = tarfile.DIRTYPE
                tar.addfile(ti)
            elif e["type"] == "link":
                ti.type = tarfile.SYMTYPE
                ti.linkname = e["link"]
                tar.addfile(ti)
            elif e["type"] == "hardlink":
                ti.type = tarfile.LNKTYPE
                ti.linkname = e["link"]
                tar.addfile(ti)
            else:
                ti.size = len(data)
                tar.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def archive(entries, manifest=None, cookie="FlAsH-aRcHiVe-2.0", stored=None, archived_size=None,
            payload_size=None, edit=None):
    """payload_size: of the uncompressed payload, by default len(stored); edit: a function of the
    identification lines (before identification_sha256) returning the lines to write."""
    stored = payload(entries) if stored is None else stored
    lines = manifest if manifest is not None else [manifest_line(e) for e in entries]
    man = "".join(l + "\n" for l in lines).encode()
    unarchived = sum(int(t[5:]) for l in lines for t in l.split(" ") if t.startswith("size="))
    ident_lines = [
        "archive_id=" + hashlib.sha256(stored).hexdigest(),
        "files_archived_method=pax",
        "files_compressed_method=none",
        "files_archived_size=%d" % (len(stored) if archived_size is None else archived_size),
        "files_unarchived_size=%d" % max(1, unarchived),
        "content_name=hostile",
        "creation_date=20261123000000",
        "creation_master=corpus",
        "type=FULL",
        "flar_format=1",
        "payload_entries=%d" % len(lines),
        "payload_size=%d" % (len(stored) if payload_size is None else payload_size),
        "section_sha256=manifest:" + hashlib.sha256(man).hexdigest(),
    ]
    if edit is not None:
        ident_lines = edit(ident_lines)
    ident = "".join(l + "\n" for l in ident_lines).encode()
    ident += ("identification_sha256=" + hashlib.sha256(ident).hexdigest() + "\n").encode()
    return (cookie + "\n").encode() + b"section_begin=identification\n" + ident + b"section_end=identification\n" \
        + b"section_begin=manifest\n" + man + b"section_end=manifest\n" + b"section_begin=archive\n" + stored


ROOT = {"path": ".", "type": "dir", "mode": 0o755}
GOOD = {"path": "good", "type": "file", "data": b"a good file\n"}

CASES = {
    # Each: a name that says what is wrong.
    "dotdot-entry": [ROOT, GOOD, {"path": "../escaped", "type": "file", "data": b"outside\n"}],
    "absolute-entry": [ROOT, GOOD, {"path": "/tmp/flar-hostile-absolute", "type": "file", "data": b"outside\n"}],
    "symlink-then-write-through": [ROOT, {"path": "evil", "type": "link", "link": "../outside", "mode": 0o777},
                                   {"path": "evil/planted", "type": "file", "data": b"through the link\n"}],
    "hardlink-outside-root": [ROOT, GOOD, {"path": "h", "type": "hardlink", "link": "../../etc/passwd"}],
    "hardlink-to-missing": [ROOT, GOOD, {"path": "h", "type": "hardlink", "link": "nowhere"}],
}


def write(name, data):
    with open(name + ".flar", "wb") as f:
        f.write(data)


for name, entries in CASES.items():
    write(name, archive(entries))

# Duplicate entries: the same path twice in manifest and payload.
dup = [ROOT, GOOD, dict(GOOD, data=b"second copy replaces the first\n")]
write("duplicate-entry", archive(dup))

# The payload's header says 0777 where the manifest (checksummed) says 0644.
write("payload-disagrees-with-manifest",
      archive([ROOT, GOOD], manifest=[manifest_line(ROOT), manifest_line(dict(GOOD, mode=0o600))]))

# The content does not match the manifest's SHA-256 (all section checksums are right).
write("content-checksum-mismatch",
      archive([ROOT, GOOD], manifest=[manifest_line(ROOT), manifest_line(dict(GOOD, sha256="0" * 64))]))

# A file that claims 2^60 bytes: must be refused without allocating anything of that size.
huge = payload([ROOT, {"path": "huge", "type": "file", "data": b"tiny"}])
huge = huge.replace(b"size=4\n", b"size=4\n")  # the size is set in the manifest and the pax header below
ti_entries = [ROOT]
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
    ti = tarfile.TarInfo("./"); ti.type = tarfile.DIRTYPE; ti.mtime = MTIME; ti.mode = 0o755; tar.addfile(ti)
    ti = tarfile.TarInfo("huge"); ti.mtime = MTIME; ti.mode = 0o644; ti.size = 4
    ti.pax_headers = {"size": str(1 << 60)}
    tar.addfile(ti, io.BytesIO(b"tiny"))
write("absurd-size", archive([ROOT, {"path": "huge", "type": "file", "data": b"tiny"}],
                             manifest=[manifest_line(ROOT),
                                       manifest_line({"path": "huge", "type": "file", "size": 1 << 60, "sha256": "0" * 64})],
                             stored=buf.getvalue()))

# Container-level damage.
good = archive([ROOT, GOOD])
write("wrong-cookie", good.replace(b"FlAsH-aRcHiVe-2.0", b"NotAnArchive-2.0", 1))
write("unknown-version", archive([ROOT, GOOD], cookie="FlAsH-aRcHiVe-3.0"))
write("truncated-payload", good[:len(good) - 700])
flipped = bytearray(good)
flipped[good.index(b"a good file")] ^= 0x01
write("flipped-content-byte", bytes(flipped))
write("good-reference", good)
