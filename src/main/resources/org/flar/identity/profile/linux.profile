# flar's built-in identity profile for Linux: systemd, Debian/Ubuntu, RHEL/Fedora and SUSE
# layouts. Every item is described in docs/identity.md. A user profile that starts with
# "extends = linux" adds items, overrides items of the same name, or switches one off with
# "action = keep".
os = linux

[hostname]
description = The host name. "localhost" until configured: systemd then takes one from DHCP.
path = etc/hostname
path = etc/HOSTNAME
action = replace
content = localhost\n

[hostname-sysconfig]
description = RHEL's HOSTNAME= line in /etc/sysconfig/network.
path = etc/sysconfig/network
action = edit-lines
drop = ^\s*HOSTNAME=

[hosts]
description = The host table: the master's names and addresses. Only the loopback entries stay.
path = etc/hosts
action = replace
content = 127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n

[machine-id]
description = systemd's machine ID. "uninitialized" makes systemd generate a new one and treat the next boot as the first (machine-id(5)).
path = etc/machine-id
action = replace
content = uninitialized\n

[dbus-machine-id]
description = D-Bus's copy of the machine ID (often a link to /etc/machine-id); D-Bus falls back to /etc/machine-id.
path = var/lib/dbus/machine-id
action = remove

[ssh-host-keys]
description = OpenSSH host keys: removed, and new ones made at deploy (ssh-keygen -A) or at first boot.
path = etc/ssh/ssh_host_*_key
path = etc/ssh/ssh_host_*_key.pub
path = etc/ssh/ssh_host_key
path = etc/ssh/ssh_host_key.pub
action = regenerate
generator = ssh-host-keys

[ifupdown]
description = ifupdown's interface configuration (Debian): back to Debian's own file, only the loopback.
path = etc/network/interfaces
action = replace
content = # interfaces(5) file used by ifup(8) and ifdown(8)\n# Include files from /etc/network/interfaces.d:\nsource /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n

[ifupdown-parts]
description = ifupdown's interface configuration fragments.
path = etc/network/interfaces.d/*
action = remove

[systemd-networkd]
description = systemd-networkd's network, netdev and link files.
path = etc/systemd/network/*.network
path = etc/systemd/network/*.netdev
path = etc/systemd/network/*.link
action = remove

[netplan]
description = netplan's configuration (Ubuntu).
path = etc/netplan/*.yaml
action = remove

[networkmanager-connections]
description = NetworkManager's connection profiles (keyfiles, with the master's addresses, MACs, Wi-Fi secrets).
path = etc/NetworkManager/system-connections/*
action = remove

[ifcfg]
description = RHEL and SUSE interface scripts (all but the loopback's).
path = etc/sysconfig/network-scripts/ifcfg-[!l]*
path = etc/sysconfig/network/ifcfg-[!l]*
action = remove

[ifcfg-hwaddr]
description = HWADDR= and MACADDR= lines of the loopback's and any remaining ifcfg files.
path = etc/sysconfig/network-scripts/ifcfg-*
path = etc/sysconfig/network/ifcfg-*
action = edit-lines
drop = ^\s*(HWADDR|MACADDR)=

[resolv-conf]
description = DNS resolver configuration: emptied (a DHCP client or sysidcfg writes it). A symlink (systemd-resolved) is left alone.
path = etc/resolv.conf
action = truncate

[dhcp-leases]
description = DHCP client leases: dhclient (Debian, RHEL), dhcpcd, NetworkManager, systemd-networkd, wicked.
path = var/lib/dhcp/*.leases
path = var/lib/dhcp/*.lease
path = var/lib/dhclient/*
path = var/lib/dhcpcd/*
path = var/lib/dhcpcd5/*
path = var/lib/NetworkManager/*.lease
path = var/lib/NetworkManager/*.leases
path = var/lib/NetworkManager/timestamps
path = var/lib/NetworkManager/secret_key
path = var/lib/systemd/network/*
path = var/lib/wicked/*
action = remove

[persistent-net-rules]
description = udev's persistent interface names, bound to the master's MAC addresses.
path = etc/udev/rules.d/70-persistent-net.rules
path = etc/udev/rules.d/75-persistent-net-generator.rules
action = remove

[random-seed]
description = The saved random seed: a clone must not start from the master's entropy.
path = var/lib/systemd/random-seed
path = var/lib/urandom/random-seed
path = var/lib/random-seed
action = remove

[kerberos-keytab]
description = Kerberos host keytab: the master's service keys.
path = etc/krb5.keytab
path = etc/krb5/krb5.keytab
action = remove

[samba-machine-secret]
description = Samba/winbind machine account secret (a domain join).
path = var/lib/samba/private/secrets.tdb
action = remove

[nis-client]
description = NIS client: domain and servers.
path = etc/defaultdomain
path = etc/yp.conf
path = var/yp/binding/*
action = remove

[ldap-client]
description = LDAP client bind secrets and nslcd's configuration (bind DN and password).
path = etc/ldap.secret
path = etc/pam_ldap.secret
path = etc/libnss-ldap.secret
path = etc/nslcd.conf
action = remove

[sssd-client]
description = SSSD's configuration (domain join) and caches.
path = etc/sssd/sssd.conf
path = etc/sssd/conf.d/*
path = var/lib/sss/db/*
path = var/lib/sss/secrets/*
path = var/lib/sss/mc/*
action = remove

[cloud-init-state]
description = cloud-init's instance state: a clone must run cloud-init as a new instance.
path = var/lib/cloud/instance
path = var/lib/cloud/instances/*
path = var/lib/cloud/data/*
path = var/lib/cloud/sem/*
path = var/log/cloud-init.log
path = var/log/cloud-init-output.log
action = remove

[root-password]
description = root's password hash in /etc/shadow: locked ("*") until configured (sysidcfg root_password).
path = etc/shadow
action = edit-lines
substitute = /^root:[^:]*:/root:*:/

[passwd-backups]
description = The backups passwd, shadow, group and gshadow tools leave (the old root password hash).
path = etc/passwd-
path = etc/shadow-
path = etc/group-
path = etc/gshadow-
action = remove

[nfs-mounts]
description = NFS mounts in /etc/fstab: the master's servers and exports.
path = etc/fstab
action = edit-lines
drop = ^\s*[^#\s]\S*\s+\S+\s+nfs4?\s

[timezone]
description = The time zone: UTC until configured (Debian's /etc/timezone and the /etc/localtime link).
path = etc/timezone
action = replace
content = Etc/UTC\n

[localtime]
description = The /etc/localtime link: without it glibc and systemd use UTC.
path = etc/localtime
action = remove

[lvm-system-devices]
description = LVM's devices file: the master's disks by their IDs (lvm devices file, LVM 2.03.12 and later).
path = etc/lvm/devices/system.devices
action = remove

[journal]
description = systemd's journal, in directories named after the master's machine ID.
path = var/log/journal/*
action = remove

[rotated-logs]
description = Rotated and compressed logs.
path = var/log/**/*.[0-9]
path = var/log/**/*.[0-9].log
path = var/log/**/*.gz
path = var/log/**/*.xz
path = var/log/**/*.zst
path = var/log/**/*.old
action = remove

[logs]
description = Every other file under /var/log, emptied (files and directories stay, so daemons that do not create them keep logging).
path = var/log/**/*
action = truncate

[shell-history]
description = Shell, editor and client histories of root and the users.
path = root/.*history
path = root/.lesshst
path = root/.viminfo
path = home/*/.*history
path = home/*/.lesshst
path = home/*/.viminfo
action = remove
