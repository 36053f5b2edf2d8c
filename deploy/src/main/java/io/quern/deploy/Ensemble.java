package io.quern.deploy;

import io.quern.common.cluster.Addresses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The members of a ZooKeeper ensemble, as {@code quern zookeeper --ensemble} takes them: a comma
 * separated list of {@code [ID=]HOST:QUORUM_PORT:ELECTION_PORT}. Without ids, the members are
 * numbered 1, 2, 3... in list order; with ids, every member has one. Every member must be given
 * the same list.
 */
record Ensemble(List<Member> members) {
    static final int MAX_ID = 255;
    private static final Pattern ENTRY = Pattern.compile("(?:(\\d+)=)?(\\[[^\\]]+\\]|[^:\\[\\]=]+):([^:]*):([^:]*)");

    /**
     * One member: its myid and the address its peers reach it at.
     *
     * @param host a name or address; an IPv6 literal keeps its brackets
     */
    record Member(int id, String host, int quorumPort, int electionPort) {
        Member {
            if (id < 1 || id > MAX_ID) {
                throw new IllegalArgumentException("--ensemble: id " + id + " is not 1 to " + MAX_ID);
            }
        }

        /** The host without IPv6 brackets, to bind or resolve. */
        String address() {
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }

        /** The member as ZooKeeper's {@code server.N} value. */
        String serverLine() {
            return host + ":" + quorumPort + ":" + electionPort;
        }
    }

    Ensemble {
        members = List.copyOf(members);
    }

    /** @throws IllegalArgumentException one line naming what is wrong */
    static Ensemble parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--ensemble is empty");
        }
        List<Member> members = new ArrayList<>();
        Boolean withIds = null;
        Set<Integer> ids = new HashSet<>();
        Set<String> ports = new HashSet<>();
        for (String entry : spec.split(",", -1)) {
            Matcher m = ENTRY.matcher(entry.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("--ensemble: '" + entry
                        + "' is not [ID=]HOST:QUORUM_PORT:ELECTION_PORT");
            }
            boolean hasId = m.group(1) != null;
            if (withIds != null && withIds != hasId) {
                throw new IllegalArgumentException("--ensemble: give every member an id, or none");
            }
            withIds = hasId;
            int id = hasId ? id(m.group(1), entry) : members.size() + 1;
            if (!ids.add(id)) {
                throw new IllegalArgumentException("--ensemble: id " + id + " is given twice");
            }
            Member member = new Member(id, m.group(2), port(m.group(3), entry), port(m.group(4), entry));
            for (int p : new int[] {member.quorumPort(), member.electionPort()}) {
                if (!ports.add(member.address() + ":" + p)) {
                    throw new IllegalArgumentException("--ensemble: " + member.host() + ":" + p + " is used twice");
                }
            }
            members.add(member);
        }
        if (members.size() < 2) {
            throw new IllegalArgumentException("--ensemble: '" + spec + "' has one member; a single server runs"
                    + " without --ensemble");
        }
        return new Ensemble(members);
    }

    /** @throws IllegalArgumentException when no member has this id */
    Member member(int id) {
        for (Member m : members) {
            if (m.id() == id) {
                return m;
            }
        }
        throw new IllegalArgumentException("--id " + id + " is not in --ensemble (its ids: "
                + String.join(", ", members.stream().map(m -> Integer.toString(m.id())).toList()) + ")");
    }

    /**
     * Members on loopback mixed with members elsewhere cannot form a quorum: the others cannot reach a
     * loopback address. (All on loopback is a valid ensemble on one host.)
     *
     * @throws IllegalArgumentException naming one of each
     */
    void checkReachable() {
        Member loopback = null;
        Member other = null;
        for (Member m : members) {
            if (Addresses.isLoopback(m.address())) {
                loopback = loopback == null ? m : loopback;
            } else {
                other = other == null ? m : other;
            }
        }
        if (loopback != null && other != null) {
            throw new IllegalArgumentException("--ensemble mixes loopback " + loopback.host() + " (member "
                    + loopback.id() + ") with " + other.host() + " (member " + other.id() + "): members on other"
                    + " hosts could not reach a loopback address");
        }
    }

    private static int id(String s, String entry) {
        try {
            int id = Integer.parseInt(s);
            if (id >= 1 && id <= MAX_ID) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--ensemble: bad id in '" + entry + "' (ids are 1 to " + MAX_ID + ")");
    }

    private static int port(String s, String entry) {
        try {
            int port = Integer.parseInt(s);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--ensemble: bad port in '" + entry + "'");
    }
}
