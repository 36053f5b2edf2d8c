package io.quern.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZkAuthTest {
    @TempDir Path dir;

    @Test
    void userColonPassword_isParsed_andThePasswordMayHoldColons() {
        ZkAuth auth = ZkAuth.parse("quern:s3:cret");

        assertThat(auth.user()).isEqualTo("quern");
        assertThat(auth.password()).isEqualTo("s3:cret");
        assertThat(auth.enabled()).isTrue();
    }

    @Test
    void nothingGiven_isNoAuthentication() {
        assertThat(ZkAuth.parse(null).enabled()).isFalse();
        assertThat(ZkAuth.of("", null)).isEqualTo(ZkAuth.NONE);
        assertThat(ZkAuth.of("", Path.of(""))).as("emptied on a command line").isEqualTo(ZkAuth.NONE);
    }

    @Test
    void malformedIdentity_isRefusedNamingTheOption() {
        for (String bad : new String[] {"quern", ":pw", "quern:", "a:b:c".substring(0, 2)}) {
            assertThatThrownBy(() -> ZkAuth.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--zk-auth must be user:password");
        }
    }

    @Test
    void identityFromAFile_isItsFirstLine_andBothWaysAtOnceIsAMistake() throws IOException {
        Path file = Files.writeString(dir.resolve("zk-auth"), "quern:pw\n");

        assertThat(ZkAuth.of(null, file)).isEqualTo(new ZkAuth("quern", "pw"));
        assertThatThrownBy(() -> ZkAuth.of("quern:pw", file)).hasMessageContaining("give one");
        assertThatThrownBy(() -> ZkAuth.fromFile(dir.resolve("missing"))).hasMessageStartingWith("--zk-auth-file");
    }

    @Test
    void toString_hidesThePassword() {
        assertThat(new ZkAuth("quern", "pw-123").toString()).contains("quern").doesNotContain("pw-123");
    }

    @Test
    void aclProvider_givesEveryPermissionToTheDigestIdentityAlone() throws Exception {
        ZkAcls acls = new ZkAcls(new ZkAuth("quern", "pw"));

        assertThat(acls.getAclForPath("/quern/jobs/job-0000000001")).isEqualTo(acls.getDefaultAcl())
                .singleElement().satisfies((ACL acl) -> {
                    assertThat(acl.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
                    assertThat(acl.getId().getScheme()).isEqualTo("digest");
                    assertThat(acl.getId().getId())
                            .isEqualTo(DigestAuthenticationProvider.generateDigest("quern:pw"))
                            .doesNotContain(":pw");
                });
        assertThat(acls.getDefaultAcl().contains(null)).as("ZooKeeper's own check of the list").isFalse();
        assertThatThrownBy(() -> new ZkAcls(ZkAuth.NONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
