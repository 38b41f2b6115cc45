package org.flar.format.pax;

import org.flar.fs.Posix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flar.fs.Commands.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flar.entry.Xattr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACLs set by setfacl, turned into pax text and back, restored and compared with getfacl. */
class PosixAclFilesTest {
    @TempDir
    Path dir;

    @Test
    void accessAclSurvivesTheTextForm() throws IOException {
        Path original = Files.createFile(dir.resolve("original"));
        Posix.chmod(original, 0644);
        run("setfacl", "-m", "u:1234:r--,g:27:rwx,m::rwx", original.toString());

        byte[] xattr = Posix.getXattr(original, Xattr.ACL_ACCESS);
        String text = PosixAcl.toText(xattr);
        assertThat(text).isEqualTo("user::rw-,user:1234:r--:1234,group::r--,group:27:rwx:27,mask::rwx,other::r--");
        assertThat(PosixAcl.fromText(text)).isEqualTo(xattr);

        Path restored = Files.createFile(dir.resolve("restored"));
        Posix.setXattr(restored, Xattr.ACL_ACCESS, PosixAcl.fromText(text));
        assertThat(getfacl(restored)).isEqualTo(getfacl(original));
    }

    @Test
    void defaultAclSurvivesTheTextForm() throws IOException {
        Path original = Files.createDirectory(dir.resolve("original"));
        Posix.chmod(original, 0755);
        run("setfacl", "-d", "-m", "u:1234:rwx", original.toString());

        assertThat(Posix.listXattrs(original)).contains(Xattr.ACL_DEFAULT);
        String text = PosixAcl.toText(Posix.getXattr(original, Xattr.ACL_DEFAULT));
        assertThat(text).isEqualTo("user::rwx,user:1234:rwx:1234,group::r-x,mask::rwx,other::r-x");

        Path restored = Files.createDirectory(dir.resolve("restored"));
        Posix.chmod(restored, 0755);
        Posix.setXattr(restored, Xattr.ACL_DEFAULT, PosixAcl.fromText(text));
        assertThat(getfacl(restored)).isEqualTo(getfacl(original));
        // New files inherit it: the kernel took the bytes as a real default ACL.
        Path child = Files.createFile(restored.resolve("child"));
        assertThat(getfacl(child)).contains("user:1234:rwx");
    }

    @Test
    void manyNamedEntriesComeOutSortedById() throws IOException {
        Path original = Files.createFile(dir.resolve("original"));
        run("setfacl", "-m", "u:70000:r,u:5:w,u:4294967294:x,g:300:rw,g:2:r", original.toString());
        String text = PosixAcl.toText(Posix.getXattr(original, Xattr.ACL_ACCESS));
        assertThat(text).startsWith("user::rw-,user:5:-w-:5,user:70000:r--:70000,user:4294967294:--x:4294967294,"
                + "group::r--,group:2:r--:2,group:300:rw-:300,mask::rwx,");
    }

    private static String getfacl(Path p) {
        return run("getfacl", "-n", "--omit-header", p.toString());
    }
}
