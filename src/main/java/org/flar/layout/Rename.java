package org.flar.layout;

import java.util.List;
import java.util.Map;
import org.flar.layout.Layout.BootLoader;
import org.flar.layout.Layout.Crypt;
import org.flar.layout.Layout.FileSystem;
import org.flar.layout.Layout.PhysicalVolume;
import org.flar.layout.Layout.Raid;
import org.flar.layout.Layout.Swap;
import org.flar.layout.Layout.VolumeGroup;

/** Recorded disk and partition names replaced by the target's, wherever a layer names its device. */
record Rename(Map<String, String> names) {
    String of(String device) {
        return names.getOrDefault(device, device);
    }

    List<Raid> raids(List<Raid> raids) {
        return raids.stream().map(r -> new Raid(r.device(), r.level(), r.metadata(), r.uuid(), r.name(),
                r.members().stream().map(this::of).toList(), r.chunk())).toList();
    }

    List<Crypt> crypts(List<Crypt> crypts) {
        return crypts.stream().map(c -> new Crypt(of(c.device()), c.name(), c.version(), c.uuid(), c.cipher(),
                c.keySize(), c.pbkdf(), c.hash(), c.sectorSize())).toList();
    }

    List<VolumeGroup> vgs(List<VolumeGroup> vgs) {
        return vgs.stream().map(vg -> new VolumeGroup(vg.name(), vg.uuid(), vg.extentSize(),
                vg.pvs().stream().map(pv -> new PhysicalVolume(of(pv.device()), pv.uuid())).toList(), vg.lvs())).toList();
    }

    List<FileSystem> fileSystems(List<FileSystem> fs) {
        return fs.stream().map(f -> f.on(of(f.device()))).toList();
    }

    List<Swap> swaps(List<Swap> swaps) {
        return swaps.stream().map(s -> new Swap(of(s.device()), s.uuid(), s.label())).toList();
    }

    BootLoader bootLoader(BootLoader b) {
        return new BootLoader(b.kind(), b.targets(), b.disks().stream().map(this::of).toList(), b.efiDirectory(), b.bootloaderId());
    }
}
