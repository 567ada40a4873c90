package dev.g4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import javax.management.ObjectName;

/** Memory and thread figures of the current JVM. */
final class ProcessProbe {
    private ProcessProbe() {
    }

    /** Resident set size in bytes, from {@code /proc/self/status} VmRSS; -1 where unavailable. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use after a full collection (two {@code System.gc()} calls), from the MemoryMXBean. */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The live-object class histogram, as {@code jcmd PID GC.class_histogram} prints it.
     *
     * @return the histogram text
     * @throws Exception if the diagnostic command is not available
     */
    static String classHistogram() throws Exception {
        ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(name, "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** Live threads. */
    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** The most live threads so far. */
    static int peakThreads() {
        return ManagementFactory.getThreadMXBean().getPeakThreadCount();
    }

    /** CPU time used by this process (all threads, GC and JIT included), in nanoseconds; -1 where unavailable. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The 1-minute load average, or -1. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * CPU time per thread group of this process, in clock ticks (usually 10 ms), from {@code /proc/self/task}: every
     * native thread, the JVM's own (GC, JIT compiler) included, grouped by its name without the trailing number.
     * Threads that ended are not counted. Empty where {@code /proc} is unavailable.
     *
     * @return per group, {user ticks, system ticks}
     */
    static Map<String, long[]> cpuTicksByThreadGroup() {
        Map<String, long[]> ticks = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[-#]?[0-9]+$", "");
                    String stat = Files.readString(task.resolve("stat"));
                    // fields after the parenthesised name: state is the first, utime the 12th, stime the 13th
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long[] sum = ticks.computeIfAbsent(name, k -> new long[2]);
                    sum[0] += Long.parseLong(f[11]);
                    sum[1] += Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }
}
