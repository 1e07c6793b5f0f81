package dev.curfew.bench.vskeycloak;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The java process of one server under test, read from {@code /proc}: the CPU it has used (user and system time,
 * with that of its waited-for children) and its resident memory. The pid is that of the process listening on the
 * server's port, not of a launcher script: Keycloak's {@code kc.sh} runs java as a child and waits for it.
 */
record ServerProcess(long pid, long clockTicksPerSecond) {

    /** CPU milliseconds used so far: utime + stime + cutime + cstime (proc(5), fields 14-17). */
    double cpuMillis() throws IOException {
        String[] fields = fieldsAfterName(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        long ticks = 0;
        for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks * 1000.0 / clockTicksPerSecond;
    }

    /**
     * CPU milliseconds used so far (utime + stime) by the process's live threads whose name starts with {@code
     * prefix}, as {@code /proc/<pid>/task/<tid>/stat} shows names: their first 15 characters.
     */
    double threadCpuMillis(String prefix) throws IOException {
        String shown = prefix.length() > 15 ? prefix.substring(0, 15) : prefix;
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                if (!stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .startsWith(shown)) {
                    continue;
                }
                String[] fields = fieldsAfterName(stat);
                ticks += Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
            }
        }
        return ticks * 1000.0 / clockTicksPerSecond;
    }

    /**
     * The fields of a {@code stat} line after the name (field 2), which is in parentheses and may contain spaces:
     * field {@code n} (proc(5)) is at index {@code n - 3}.
     */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Resident set size in KiB ({@code VmRSS} of {@code /proc/<pid>/status}). */
    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }
}
