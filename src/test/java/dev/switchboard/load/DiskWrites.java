package dev.switchboard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Megabytes written to the machine's disks in each second of a load phase, read from Linux's
 * {@code /proc/diskstats} ten times a second. A commit waits for its WAL flush, and a flush waits behind whatever
 * else the disk is writing: the kernel writing back the page cache a batch phase left dirty showed up as one
 * second of 1.5-2 GB/s holding most of a {@code /v1/track} phase's slow requests. Printed beside the slow requests
 * per second, a stall of that kind names itself. Off Linux it reports nothing.
 */
final class DiskWrites implements AutoCloseable {

    private static final Path DISKSTATS = Path.of("/proc/diskstats");
    private static final long SECTOR_BYTES = 512;

    private static final Set<String> DISKS = wholeDisks();

    private final AtomicLongArray bytesBySecond;
    private final long start;
    private final Thread sampler;
    private volatile boolean running = true;

    /** Starts sampling; second 0 begins at {@code start} ({@link System#nanoTime()}). */
    DiskWrites(long start, int seconds) {
        this.start = start;
        this.bytesBySecond = new AtomicLongArray(seconds + 1);
        this.sampler = new Thread(this::sample, "disk-writes");
        sampler.setDaemon(true);
        if (Files.isReadable(DISKSTATS)) {
            sampler.start();
        }
    }

    private void sample() {
        long previous = sectorsWritten();
        while (running) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            long now = sectorsWritten();
            int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            if (second >= 0 && second < bytesBySecond.length()) {
                bytesBySecond.addAndGet(second, (now - previous) * SECTOR_BYTES);
            }
            previous = now;
        }
    }

    /** Whole disks (not partitions, loop or RAM devices): block devices backed by a device. Looked up once. */
    private static Set<String> wholeDisks() {
        try (Stream<Path> devices = Files.list(Path.of("/sys/block"))) {
            return devices.filter(device -> Files.exists(device.resolve("device")))
                    .map(device -> device.getFileName().toString())
                    .collect(Collectors.toSet());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * Writes what the page cache holds dirty to disk ({@code sync}) and says how much and how long that took. Run
     * before each measured phase, so that it starts on a quiet disk: the kernel writes a file's dirty pages back
     * about 30 s after the file became dirty ({@code vm.dirty_expire_centisecs}), all of them at once, and the
     * writeback of one phase's writes, a burst of hundreds of megabytes or more, had landed in whichever phase came
     * next (the storage floor's in {@code /v1/batch}, the batch phase's in {@code /v1/track}).
     */
    static String settle() throws InterruptedException {
        long before = sectorsWritten();
        long started = System.nanoTime();
        try {
            int exit = new ProcessBuilder("sync").inheritIO().start().waitFor();
            if (exit != 0) {
                return "sync exited with " + exit;
            }
        } catch (IOException e) {
            return "no sync: " + e.getMessage();
        }
        return String.format(
                "sync wrote %,d MB in %.1f s",
                Math.round((sectorsWritten() - before) * SECTOR_BYTES / 1e6), (System.nanoTime() - started) / 1e9);
    }

    /** Sectors written to the whole disks since boot. */
    private static long sectorsWritten() {
        try {
            long sectors = 0;
            for (String line : Files.readAllLines(DISKSTATS)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && DISKS.contains(fields[2])) {
                    sectors += Long.parseLong(fields[9]);
                }
            }
            return sectors;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** "MB by second: 12 18 1520 ..." or empty when nothing could be read. */
    String bySecond() {
        if (!Files.isReadable(DISKSTATS)) {
            return "";
        }
        StringBuilder out = new StringBuilder("MB by second of the phase:");
        for (int second = 0; second < bytesBySecond.length(); second++) {
            out.append(' ').append(Math.round(bytesBySecond.get(second) / 1e6));
        }
        return out.toString();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
