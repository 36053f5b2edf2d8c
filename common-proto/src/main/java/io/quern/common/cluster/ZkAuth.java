package io.quern.common.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * The ZooKeeper identity of a cluster ({@code --zk-auth user:password}): every process authenticates
 * with it (ZooKeeper's digest scheme), and every znode the cluster creates is readable and writable
 * by that identity alone. {@link #NONE}: no authentication, and open znodes as before. The
 * password never appears in {@link #toString}. Immutable.
 */
public record ZkAuth(String user, String password) {
    public static final ZkAuth NONE = new ZkAuth("", "");

    public ZkAuth {
        if (user == null || password == null) {
            throw new IllegalArgumentException("--zk-auth must be user:password");
        }
        if (!(user.isEmpty() && password.isEmpty())) {
            if (user.isBlank() || user.contains(":") || password.isEmpty()) {
                throw new IllegalArgumentException("--zk-auth must be user:password, with a user and a password");
            }
        }
    }

    /** {@code user:password} (the password may hold ':'); null or blank is {@link #NONE}. */
    public static ZkAuth parse(String userColonPassword) {
        if (userColonPassword == null || userColonPassword.isBlank()) {
            return NONE;
        }
        String s = userColonPassword.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--zk-auth must be user:password, with a user and a password");
        }
        return new ZkAuth(s.substring(0, colon), s.substring(colon + 1));
    }

    /** The identity in a file's first line, {@code user:password}, so that it stays off command lines. */
    public static ZkAuth fromFile(Path file) {
        try {
            String line = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (line.isBlank()) {
                throw new IllegalArgumentException("--zk-auth-file " + file + " is empty");
            }
            return parse(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("--zk-auth-file: cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * {@code --zk-auth} if given, else the file's (if given), else {@link #NONE}; both given is a
     * mistake. An empty value of either counts as not given, so a command line can override the
     * config file with {@code --zk-auth= --zk-auth-file=} (as {@code quern local} does for its workers).
     */
    public static ZkAuth of(String userColonPassword, Path file) {
        if (file != null && file.toString().isEmpty()) {
            file = null;
        }
        if (userColonPassword != null && !userColonPassword.isBlank() && file != null) {
            throw new IllegalArgumentException("--zk-auth and --zk-auth-file are alternatives: give one");
        }
        return file != null ? fromFile(file) : parse(userColonPassword);
    }

    public boolean enabled() {
        return !user.isEmpty();
    }

    /** What ZooKeeper's digest scheme sends: {@code user:password}. */
    byte[] credentials() {
        return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** The ACL id of this identity: {@code user:base64(sha1(user:password))}. */
    String digestId() {
        try {
            return DigestAuthenticationProvider.generateDigest(user + ":" + password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return enabled() ? "ZkAuth[" + user + ":***]" : "ZkAuth[none]";
    }
}
