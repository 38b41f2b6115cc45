package org.flar.identity;

import java.nio.file.Path;
import java.util.List;
import org.flar.testing.Tools;

/**
 * A master's identity planted into a copy of the Debian root, the way a configured machine has
 * it: host name, hosts, machine-id, ssh host keys made by ssh-keygen, ifupdown and networkd
 * configuration, resolv.conf, a DHCP lease, a persistent-net udev rule, a random seed, a root
 * password hash, an NFS line in fstab, a time zone, a shell history. Some carry metadata worth
 * restoring exactly (an xattr, an unusual mode, an old mtime).
 */
final class PlantedIdentity {
    static final String HOSTNAME = "master01";
    static final String MACHINE_ID = "5e1f0a7c3b2d4e6f8a9b0c1d2e3f4a5b";
    static final String ROOT_HASH = "$6$plantedsalt$Zx9QmV7cXy1pL3kT5rW8uN2bF4hJ6gD0sA";
    static final String LEASE_ADDRESS = "10.77.1.23";
    static final String HISTORY_SECRET = "mysql -p'hunter2-planted'";
    static final String MAC = "52:54:00:12:34:56";

    /** Paths the planting creates or changes. */
    static final List<String> PATHS = List.of("etc/hostname", "etc/hosts", "etc/machine-id", "var/lib/dbus/machine-id",
            "etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ed25519_key.pub", "etc/ssh/ssh_host_ecdsa_key",
            "etc/ssh/ssh_host_ecdsa_key.pub", "etc/network/interfaces", "etc/network/interfaces.d/eth1",
            "etc/systemd/network/10-eth0.network", "etc/resolv.conf", "var/lib/dhcp/dhclient.eth0.leases",
            "etc/udev/rules.d/70-persistent-net.rules", "var/lib/systemd/random-seed", "etc/shadow", "etc/fstab",
            "etc/timezone", "etc/localtime", "root/.bash_history");

    private PlantedIdentity() {
    }

    static void plant(Path root) {
        Tools.requireTool("ssh-keygen");
        Tools.requireTool("setfattr");
        Tools.run(List.of("bash", "-euc", """
                cd "$1"
                echo %1$s > etc/hostname
                setfattr -n user.flar.planted -v hostname etc/hostname
                printf '127.0.0.1\\tlocalhost\\n10.77.1.5\\t%1$s.example.com %1$s\\n' > etc/hosts
                echo %2$s > etc/machine-id
                mkdir -p var/lib/dbus && echo %2$s > var/lib/dbus/machine-id
                mkdir -p etc/ssh
                ssh-keygen -q -t ed25519 -N '' -C root@%1$s -f etc/ssh/ssh_host_ed25519_key
                ssh-keygen -q -t ecdsa -N '' -C root@%1$s -f etc/ssh/ssh_host_ecdsa_key
                mkdir -p etc/network/interfaces.d
                printf 'auto lo\\niface lo inet loopback\\nauto eth0\\niface eth0 inet static\\n  address 10.77.1.5/24\\n  gateway 10.77.1.1\\n' > etc/network/interfaces
                printf 'auto eth1\\niface eth1 inet dhcp\\n' > etc/network/interfaces.d/eth1
                mkdir -p etc/systemd/network
                printf '[Match]\\nMACAddress=%6$s\\n[Network]\\nAddress=10.77.1.5/24\\n' > etc/systemd/network/10-eth0.network
                rm -f etc/resolv.conf
                printf 'nameserver 10.77.1.1\\nsearch example.com\\n' > etc/resolv.conf
                chmod 600 etc/resolv.conf
                mkdir -p var/lib/dhcp
                printf 'lease {\\n  interface "eth0";\\n  fixed-address %4$s;\\n}\\n' > var/lib/dhcp/dhclient.eth0.leases
                mkdir -p etc/udev/rules.d
                printf 'SUBSYSTEM=="net", ACTION=="add", ATTR{address}=="%6$s", NAME="eth0"\\n' > etc/udev/rules.d/70-persistent-net.rules
                mkdir -p var/lib/systemd
                head -c 512 /dev/urandom > var/lib/systemd/random-seed
                chmod 600 var/lib/systemd/random-seed
                sed -i 's|^root:[^:]*:|root:%3$s:|' etc/shadow
                printf 'fileserver:/export/home /home nfs rw,hard 0 0\\n' >> etc/fstab
                echo Europe/Berlin > etc/timezone
                ln -sfn /usr/share/zoneinfo/Europe/Berlin etc/localtime
                echo "%5$s" > root/.bash_history
                chmod 600 root/.bash_history
                touch -h -d '2024-02-29 12:34:56.123456789' etc/hostname etc/hosts etc/resolv.conf etc/localtime
                """.formatted(HOSTNAME, MACHINE_ID, ROOT_HASH, LEASE_ADDRESS, HISTORY_SECRET, MAC), "plant", root.toString()), null);
    }
}
