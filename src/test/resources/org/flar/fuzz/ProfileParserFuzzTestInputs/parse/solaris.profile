# flar's built-in identity profile for Solaris roots: what sysidunconfig (sys-unconfig)
# removes, the seed's list. Every item is described in docs/identity.md.
os = solaris

[hosts]
description = The host table: replaced with a default one (loopback only), as sys-unconfig does.
path = etc/hosts
path = etc/inet/hosts
path = etc/inet/ipnodes
action = replace
content = #\n# Internet host table\n#\n::1\tlocalhost\n127.0.0.1\tlocalhost\n

[nfs-vfstab]
description = NFS mounts in /etc/vfstab (FS type, the fourth field, nfs).
path = etc/vfstab
action = edit-lines
drop = ^\s*[^#\s]\S*\s+\S+\s+\S+\s+nfs\s

[dns-client]
description = DNS resolver configuration.
path = etc/resolv.conf
action = remove

[nis-client]
description = NIS and NIS+ configuration: the domain, bindings and NIS+ client files.
path = etc/defaultdomain
path = var/yp/*
path = var/nis/*
action = remove

[ldap-client]
description = LDAP client profile and credentials (ldapclient).
path = var/ldap/ldap_client_file
path = var/ldap/ldap_client_cred
action = remove

[nsswitch]
description = The name service switch: back to local files (sys-unconfig copies nsswitch.files).
path = etc/nsswitch.conf
action = replace
content = passwd:     files\ngroup:      files\nhosts:      files\nipnodes:    files\nnetworks:   files\nprotocols:  files\nrpc:        files\nethers:     files\nnetmasks:   files\nbootparams: files\npublickey:  files\nnetgroup:   files\nautomount:  files\naliases:    files\nservices:   files\nprinters:   user files\nauth_attr:  files\nprof_attr:  files\nproject:    files\ntnrhtp:     files\ntnrhdb:     files\n

[interfaces]
description = Interface configuration of every interface: /etc/hostname.IF, hostname6.IF, dhcp.IF.
path = etc/hostname.*
path = etc/hostname6.*
path = etc/dhcp.*
action = remove

[nodename]
description = The node name: "unknown" until configured, as sys-unconfig leaves it.
path = etc/nodename
action = replace
content = unknown\n

[root-password]
description = root's password: removed (empty field), as sys-unconfig does; sysidcfg root_password sets one.
path = etc/shadow
action = edit-lines
substitute = /^root:[^:]*:/root::/

[sysidcfg]
description = The sysidcfg file the master was configured from.
path = etc/sysidcfg
action = remove

[defaultrouter]
description = The default route.
path = etc/defaultrouter
action = remove

[netmasks]
description = Network masks: back to the comment-only default.
path = etc/inet/netmasks
action = replace
content = #\n# The netmasks file associates Internet Protocol (IP) address\n# masks with IP network numbers.\n#\n#\tnetwork-number\tnetmask\n#\n

[ssh-host-keys]
description = SSH host keys: removed, and new ones made at deploy.
path = etc/ssh/ssh_host_*_key
path = etc/ssh/ssh_host_*_key.pub
action = regenerate
generator = ssh-host-keys

[timezone]
description = The time zone: PST8PDT, as sys-unconfig sets it (TZ= in /etc/TIMEZONE, i.e. /etc/default/init).
path = etc/TIMEZONE
path = etc/default/init
action = edit-lines
substitute = /^TZ=.*/TZ=PST8PDT/
