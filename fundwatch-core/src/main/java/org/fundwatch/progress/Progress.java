package org.fundwatch.progress;

/**
 * Progress of long work, reported by engines and shown by the CLI as a bar on stderr. Implementations must be
 * cheap to call per row; callers report in batches anyway.
 */
public interface Progress {

    /** Silent progress, for tests and {@code --quiet}. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void finish() {
        }
    };

    /** A new task of {@code total} units; {@code total} ≤ 0 when unknown. */
    void start(String task, long total);

    /** {@code units} more done. */
    void advance(long units);

    /** The current task is complete. */
    void finish();
}
