# a site profile on top of the built-in one
extends = linux

[site-motd]
os = linux
path = etc/motd
path = etc/issue*
action = replace
content = welcome\n

[site-hosts]
path = etc/hosts
action = edit-lines
drop = ^10\.
substitute = /web01/HOST/

[ssh-keys]
path = etc/ssh/ssh_host_*_key*
action = regenerate
generator = ssh-host-keys

[old-logs]
description = logs of the master
path = var/log/**/*.log
action = truncate
