package io.quern.common.cluster;

import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * The ACL of every znode a cluster with {@code --zk-auth} creates (Curator applies it to parents it
 * creates and to its recipes' nodes too): all permissions to the cluster's digest identity, none to
 * anyone else, so a client without the credentials can neither read nor change anything.
 */
final class ZkAcls implements ACLProvider {
    private final List<ACL> acl;

    ZkAcls(ZkAuth auth) {
        if (!auth.enabled()) {
            throw new IllegalArgumentException("ZooKeeper ACLs need an identity");
        }
        // Not List.of: ZooKeeper asks the list whether it contains null, which List.of answers with an exception.
        this.acl = java.util.Collections.singletonList(new ACL(ZooDefs.Perms.ALL, new Id("digest", auth.digestId())));
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return acl;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return acl;
    }
}
