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
    t = {"dir": "dir", "file": "file", "link": "link", "hardlink": "hardlink", "fifo": "fifo"}[e["type"]]
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
            elif e["type"] == "fifo":
                ti.type = tarfile.FIFOTYPE
                tar.addfile(ti)
            else:
                ti.size = len(data)
                tar.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def archive(entries, manifest=None, cookie="FlAsH-aRcHiVe-2.0", stored=None, archived_size=None,
            payload_size=None, edit=None, archive_type="FULL"):
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
        "type=" + archive_type,
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

# --- The root, links and types: each refused from the manifest, before anything is written.
ROOT_CASES = {
    # The entry for the target itself must be a directory: a link would replace the target and
    # send every later step (the clone's unconfiguration) to the directory it names.
    "root-is-symlink-absolute": [{"path": ".", "type": "link", "link": "/", "mode": 0o777}],
    "root-is-symlink-to-parent": [{"path": ".", "type": "link", "link": "..", "mode": 0o777}],
    "root-is-file": [{"path": ".", "type": "file", "data": b"the target becomes a file\n"}],
    "root-is-fifo": [{"path": ".", "type": "fifo"}],
    # Entries before the one that is refused must not have been written either.
    "written-before-refusal": [ROOT, {"path": "aaa-first", "type": "file", "data": b"must not appear\n"},
                               {"path": "evil", "type": "link", "link": "../outside", "mode": 0o777},
                               {"path": "evil/planted", "type": "file", "data": b"through the link\n"}],
    "hardlink-to-symlink": [ROOT, {"path": "a", "type": "link", "link": "/etc/passwd", "mode": 0o777}, GOOD,
                            {"path": "h", "type": "hardlink", "link": "a"}],
    "hardlink-to-directory": [ROOT, {"path": "d", "type": "dir", "mode": 0o755},
                              {"path": "h", "type": "hardlink", "link": "d"}],
    "hardlink-absolute": [ROOT, GOOD, {"path": "h", "type": "hardlink", "link": "/etc/passwd"}],
}
for name, entries in ROOT_CASES.items():
    write(name, archive(entries))

# "differential" in lower case is neither of the two types: refused, not read as either.
write("type-lowercase-differential", archive([ROOT, GOOD], archive_type="differential"))
write("type-unknown", archive([ROOT, GOOD], archive_type="PARTIAL"))

# ---------------------------------------------------------------------------------------------
# limits and strict ends: sizes and numbers an archive claims are checked before anything
# depends on them, the payload ends exactly at its end-of-archive marker, and compressions or
# formats flar cannot read are refused as damaged archives (exit 4), not as usage errors.
# ---------------------------------------------------------------------------------------------
import gzip as _gzip
import lzma as _lzma
import re as _re
import struct as _struct
import subprocess as _subprocess
import zlib as _zlib


def limits_keyword(lines, keyword, value):
    """The identification lines with keyword's value replaced (value None: the line removed)."""
    out = [l for l in lines if not l.startswith(keyword + "=")]
    if value is not None:
        out.insert(len(out) - 1, keyword + "=" + value)  # before section_sha256, which stays last
    return out


def limits_sparse(realsize):
    """A GNU sparse 1.0 entry 'huge': 4 stored bytes at offset 0, the rest (realsize) a hole."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        ti = tarfile.TarInfo("./"); ti.type = tarfile.DIRTYPE; ti.mtime = MTIME; ti.mode = 0o755; tar.addfile(ti)
        data = b"1\n0\n4\n".ljust(512, b"\0") + b"tiny"
        ti = tarfile.TarInfo("GNUSparseFile.0/huge"); ti.mtime = MTIME; ti.mode = 0o644; ti.size = len(data)
        ti.pax_headers = {"GNU.sparse.major": "1", "GNU.sparse.minor": "0", "GNU.sparse.name": "huge",
                          "GNU.sparse.realsize": str(realsize)}
        tar.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def limits_sparse_archive(realsize, unarchived):
    huge = {"path": "huge", "type": "file", "size": realsize, "sha256": "0" * 64}
    return archive([ROOT, huge], manifest=[manifest_line(ROOT), manifest_line(huge)], stored=limits_sparse(realsize),
                   edit=lambda l: limits_keyword(l, "files_unarchived_size", str(unarchived)))


def limits_pax_end(entries):
    """The pax payload of entries up to its end-of-archive marker (two zero blocks), without tar's record padding."""
    raw = payload(entries)
    end = len(raw)
    while raw[end - 512:end] == b"\0" * 512:
        end -= 512
    return raw[:end + 1024]


def limits_gzip(data):
    return _gzip.compress(data, mtime=0)


def limits_xz(data):
    return _lzma.compress(data, format=_lzma.FORMAT_XZ, check=_lzma.CHECK_CRC64)


def limits_tool(tool, data):
    return _subprocess.run([tool, "-q", "-c"], input=data, stdout=_subprocess.PIPE, check=True).stdout


def limits_compressed(method, stored, raw, edit=None):
    def keywords(lines):
        lines = limits_keyword(lines, "files_compressed_method", method)
        return edit(lines) if edit else lines
    return archive([ROOT, GOOD], stored=stored, payload_size=len(raw), edit=keywords)


def limits_xz_huge_dictionary(data):
    """An xz stream whose block header asks for a 1.5 GiB dictionary (header CRC recomputed)."""
    xz = bytearray(limits_xz(data))
    start = 12  # after the stream header
    size = (xz[start] + 1) * 4
    header = xz[start:start + size]
    filters = header.index(b"\x21\x01")  # LZMA2 filter id, one property byte
    header[filters + 2] = 37  # dictionary size code 37: 1.5 GiB (xz-java reads at most 2 GiB)
    header[-4:] = _struct.pack("<I", _zlib.crc32(bytes(header[:-4])))
    xz[start:start + size] = header
    return bytes(xz)


LIMITS_RAW = payload([ROOT, GOOD])
LIMITS_END = limits_pax_end([ROOT, GOOD])

# Sparse holes are hashed as zeros: an unbounded logical size would keep deploy and verify busy for ever.
write("sparse-realsize-2e62", limits_sparse_archive(1 << 62, 10 ** 18 - 1))  # the largest files_unarchived_size
write("sparse-past-unarchived-size", limits_sparse_archive(1 << 40, 4))
# Numbers: overflow refused, every number flar reads present and decimal.
write("unarchived-size-overflow", archive([ROOT, GOOD],
      edit=lambda l: limits_keyword(l, "files_unarchived_size", str(1 << 64))))
write("payload-entries-not-decimal", archive([ROOT, GOOD], edit=lambda l: limits_keyword(l, "payload_entries", "+2")))
write("payload-size-missing", archive([ROOT, GOOD], edit=lambda l: limits_keyword(l, "payload_size", None)))
write("payload-size-wrong", archive([ROOT, GOOD], payload_size=len(LIMITS_RAW) - 512))
# A decompression bomb: 16 MiB of zeros in 16 KiB of gzip; it must stop at payload_size, not at the end.
bomb_entry = {"path": "bomb", "type": "file", "data": b"\0" * (16 << 20)}
bomb_raw = payload([ROOT, bomb_entry])
write("gzip-bomb-past-payload-size", archive([ROOT, bomb_entry], stored=limits_gzip(bomb_raw), payload_size=20480,
      edit=lambda l: limits_keyword(l, "files_compressed_method", "gzip")))
write("xz-huge-dictionary", limits_compressed("xz", limits_xz_huge_dictionary(LIMITS_RAW), LIMITS_RAW))
# Strict ends: nothing after the end-of-archive marker, and the marker complete, for every compression.
for method, compress in (("none", lambda d: d), ("gzip", limits_gzip), ("xz", limits_xz),
                         ("zstd", lambda d: limits_tool("zstd", d))):
    trailing = LIMITS_RAW + b"appended after the end-of-archive marker\n"
    write("trailing-data-" + method, limits_compressed(method, compress(trailing), trailing))
    cut = LIMITS_END[:-512]
    write("cut-in-end-marker-" + method, limits_compressed(method, compress(cut), cut))
write("trailing-after-gzip-stream", limits_compressed("gzip", limits_gzip(LIMITS_RAW) + b"appended garbage", LIMITS_RAW))
# Compressions and formats flar cannot read: exit 4 naming the archive and the keyword.
lz4 = limits_tool("lz4", LIMITS_RAW)
write("lz4-payload", limits_compressed("lz4", lz4, LIMITS_RAW))
write("lz4-payload-declared-none", limits_compressed("none", lz4, LIMITS_RAW))
write("compress-payload", limits_compressed("compress", b"\x1f\x9d\x90" + LIMITS_RAW[:64], LIMITS_RAW))
write("unknown-compressed-method", limits_compressed("brotli", LIMITS_RAW, LIMITS_RAW))
write("unknown-archived-method", archive([ROOT, GOOD], edit=lambda l: limits_keyword(l, "files_archived_method", "zip")))
write("missing-archived-method", archive([ROOT, GOOD], edit=lambda l: limits_keyword(l, "files_archived_method", None)))
# content_name: at most 256 characters; and the refusal's one line carries no raw escape.
write("content-name-too-long", archive([ROOT, GOOD], edit=lambda l: limits_keyword(l, "content_name", "n" * 257)))
write("escape-in-error-message", limits_compressed("\x1b]0;owned\x07\x1b[2J", LIMITS_RAW, LIMITS_RAW))
