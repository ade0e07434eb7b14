package dev.switchboard.admin.deliveries;

/** Where a page of {@code size} rows sits in {@code total}: {@code number} counts from 0. */
public record PageView(int number, int size, long total) {

    static PageView of(int requested, int size, long total) {
        int last = (int) Math.max(0, (total - 1) / size);
        return new PageView(Math.min(Math.max(requested, 0), last), size, total);
    }

    public long offset() {
        return (long) number * size;
    }

    public long firstRow() {
        return total == 0 ? 0 : offset() + 1;
    }

    public long lastRow() {
        return Math.min(total, offset() + size);
    }

    public boolean hasPrevious() {
        return number > 0;
    }

    public boolean hasNext() {
        return lastRow() < total;
    }
}
