package io.ofnevents.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of this JVM and of child processes, from the JDK and /proc. */
final class ProcessStats {
  // USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux architecture Java runs on.
  private static final long TICK_NANOS = 10_000_000L;

  private ProcessStats() {}

  /** CPU time used by this JVM so far (all threads, user + system). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU time used so far by this JVM's live threads of one path, without the publisher and sink
   * both paths share.
   */
  static long threadCpuNanos(PathThreads threads) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t == null || !threads.contains(t.getThreadId(), t.getThreadName())) continue;
      long cpu = mx.getThreadCpuTime(t.getThreadId());
      if (cpu > 0) total += cpu;
    }
    return total;
  }

  /** CPU time used by process `pid` so far, or -1 when /proc cannot tell. */
  static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may contain spaces: count fields after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident set size of this JVM in MiB. */
  static double rssMb() {
    return rssMb(ProcessHandle.current().pid());
  }

  /** Resident set size of process `pid` in MiB (VmRSS), or -1 when /proc cannot tell. */
  static double rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /** The 1-, 5- and 15-minute load averages, as /proc/loadavg shows them. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
