#!/bin/sh
# Builds the reference tree with the real tools and archives it with GNU tar and bsdtar.
# Usage: make-fixtures.sh OUTDIR   (as root: chown, mknod, setcap)
# The checked-in *.tar files were made by this script; PaxReadInteropTest runs it afresh.
set -eu
OUT=$1
T=$OUT/tree
rm -rf "$T"
mkdir -p "$T/dd"
cd "$T"

printf 'hello\n' > f
chown 1000:1000 f
chmod 0640 f
setfattr -n user.bin -v 0x00ff0a3d80 f
setfattr -n user.empty f
setfacl -m u:12345:r f
setcap cap_net_raw+ep f
ln f hl
ln -s f sym
ln -s "$(printf 't/%.0s' $(seq 60))end" longsym
mkfifo -m 0600 fifo
mknod -m 0666 null c 1 3
mknod -m 0660 loop9 b 7 9
yes sparse-data | head -c 4096 > data.bin
truncate -s 1G sparse
dd if=data.bin of=sparse bs=4096 seek=262143 conv=notrunc status=none
cp data.bin sparse-tail
truncate -s 64M sparse-tail
rm data.bin
: > empty
LONG="dd/$(printf 'ü%.0s' $(seq 60)) name	with blanks"
printf 'long\n' > "$LONG"
: > big
chown 3000000:3000001 big
chmod 4755 big
: > old
: > old-fraction
setfacl -d -m u:12345:rwx dd

touch -h -d @1600000000.123456789 f hl sym longsym fifo null loop9 sparse sparse-tail empty "$LONG" big
touch -d @-2 old
touch -d @-2.5 old-fraction
touch -d @1600000001.5 dd .

tar --format=posix --xattrs --xattrs-include='*' --acls --sparse --numeric-owner --sort=name \
    -C "$T" -cf "$OUT/gnu-posix.tar" .
bsdtar --format pax --xattrs --acls --read-sparse --numeric-owner -C "$T" -cf "$OUT/bsdtar-pax.tar" .
tar --format=posix --sparse --sparse-version=0.1 --numeric-owner -C "$T" -cf "$OUT/gnu-sparse-0.1.tar" sparse sparse-tail
tar --format=posix --sparse --sparse-version=0.0 --numeric-owner -C "$T" -cf "$OUT/gnu-sparse-0.0.tar" sparse-tail
tar --format=gnu --numeric-owner --sort=name -C "$T" -cf "$OUT/gnu-format.tar" f hl longsym dd old big
