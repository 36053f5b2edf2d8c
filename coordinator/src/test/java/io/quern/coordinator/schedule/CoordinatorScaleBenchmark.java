package io.quern.coordinator.schedule;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The coordinator at scale: {@link ScaleSimulation} with thousands of simulated workers, timed in real
 * time, with the heap measured after a full collection at two milestones (the end of the map phase,
 * and once the first wave of reduces is placed) and at the end. The collections' own time is left
 * out of the real time. The simulation thread's CPU time is printed too: the machines these runs share
 * are busy, and CPU time is what the scheduler's work costs whatever the load. Run by {@code bench/coordinator-scale.sh}; prints {@code key value} lines.
 *
 * <p>Usage: {@code CoordinatorScaleBenchmark [--workers N] [--slots N] [--maps N] [--reduces N]
 * [--heartbeat-ms N] [--map-seconds X] [--reduce-seconds X] [--seed N] [--no-verify]}
 */
public final class CoordinatorScaleBenchmark {
    private CoordinatorScaleBenchmark() {}

    public static void main(String[] args) {
        int workers = 2000;
        int slots = 2;
        int maps = 200_000;
        int reduces = 5_000;
        long heartbeatMs = 500;
        double mapSeconds = 3;
        double reduceSeconds = 4;
        long seed = 42;
        boolean verify = true;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-verify")) {
                    verify = false;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--workers" -> workers = Integer.parseInt(v);
                    case "--slots" -> slots = Integer.parseInt(v);
                    case "--maps" -> maps = Integer.parseInt(v);
                    case "--reduces" -> reduces = Integer.parseInt(v);
                    case "--heartbeat-ms" -> heartbeatMs = Long.parseLong(v);
                    case "--map-seconds" -> mapSeconds = Double.parseDouble(v);
                    case "--reduce-seconds" -> reduceSeconds = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("coordinator-scale: " + e.getMessage());
            System.exit(2);
            return;
        }
        ScaleSimulation.Setup setup = new ScaleSimulation.Setup(workers, slots, maps, reduces,
                Duration.ofMillis(heartbeatMs), mapSeconds, reduceSeconds, seed, verify);
        Heap heap = new Heap();
        System.err.printf("simulating %d workers x %d slots, %d maps, %d reduces%n", workers, slots, maps, reduces);
        ScaleSimulation simulation = new ScaleSimulation(setup, heap);
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        ScaleSimulation.Result r = simulation.run(Duration.ofDays(1));
        long cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore - heap.pausedCpuNanos;
        long realNanos = r.realNanos() - heap.pausedNanos;
        long endHeap = heap.afterGc();
        double seconds = realNanos / 1e9;
        print("job_state", r.job() == null ? "UNFINISHED" : r.job().state().toString());
        print("assignments", r.assignments());
        print("map_assignments", r.mapAssignments());
        print("reduce_assignments", r.reduceAssignments());
        print("backups", r.job() == null ? 0 : r.job().mitigation().backupsLaunched());
        print("kills", r.kills());
        print("heartbeats", r.heartbeats());
        print("reports", r.reports());
        print("location_tables", r.distinctLocationTables());
        print("simulated_seconds", r.simulated().toSeconds());
        print("real_seconds", String.format(Locale.ROOT, "%.2f", seconds));
        print("cpu_seconds", String.format(Locale.ROOT, "%.2f", cpuNanos / 1e9));
        print("assignments_per_second", Math.round(r.assignments() / seconds));
        print("assignments_per_cpu_second", Math.round(r.assignments() / (cpuNanos / 1e9)));
        print("events_per_second", Math.round((r.assignments() + r.heartbeats() + r.reports()) / seconds));
        print("heap_after_gc_maps_done_mib", mib(heap.mapsDone));
        print("heap_after_gc_reduces_assigned_mib", mib(heap.reducesAssigned));
        print("heap_after_gc_end_mib", mib(endHeap));
        print("heap_peak_mib", mib(heap.peak()));
        print("heap_max_mib", mib(Runtime.getRuntime().maxMemory()));
        print("problems", r.problems().size());
        for (String p : r.problems().subList(0, Math.min(10, r.problems().size()))) {
            System.err.println("problem: " + p);
        }
        if (r.job() == null || !r.problems().isEmpty()) {
            System.exit(1);
        }
    }

    private static void print(String key, Object value) {
        System.out.println(key + " " + value);
    }

    private static long mib(long bytes) {
        return Math.round(bytes / 1048576.0);
    }

    /** Heap in use after a full collection at each milestone; the time the collections take is counted apart. */
    private static final class Heap implements ScaleSimulation.Observer {
        long mapsDone = -1;
        long reducesAssigned = -1;
        long pausedNanos;
        long pausedCpuNanos;

        Heap() {
            for (MemoryPoolMXBean pool : pools()) {
                pool.resetPeakUsage();
            }
        }

        @Override
        public void lastMapReporting() {
            mapsDone = afterGc();
            System.err.printf("maps done: %d MiB in use after a full GC%n", mib(mapsDone));
        }

        @Override
        public void reducesAssigned() {
            reducesAssigned = afterGc();
            System.err.printf("reduces assigned: %d MiB in use after a full GC%n", mib(reducesAssigned));
        }

        long afterGc() {
            long began = System.nanoTime();
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            pausedNanos += System.nanoTime() - began;
            pausedCpuNanos += ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
            return used;
        }

        /** Sum of each heap pool's peak: an upper bound of the heap's peak, garbage included. */
        long peak() {
            long sum = 0;
            for (MemoryPoolMXBean pool : pools()) {
                sum += pool.getPeakUsage().getUsed();
            }
            return sum;
        }

        private static List<MemoryPoolMXBean> pools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .toList();
        }
    }
}
