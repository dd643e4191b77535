package io.specdyn.explore;

import java.time.Duration;

/**
 * What one server may do at once: the compute pool, its queue, and the work and time one request
 * may take. A request past a bound is refused with the reason rather than queued or cut short
 * silently.
 *
 * @param threads       threads that compute runs and render views (a fixed pool)
 * @param queue         requests that may wait for a compute thread; one more is answered 503
 * @param maxGroupSteps most steps times eigenvalue groups of one reduced run
 * @param maxFullWork   most multiply-adds (steps m d min(m, d)) of one full run, for sweep cells
 * @param maxRows       most rows one run keeps for the views: a discrete rule's {@code --every} is raised
 *                      to stay below it, a flow's {@code --samples} past it is refused
 * @param deadline      longest a request may compute; a run still going is stopped and refused
 */
public record ExploreLimits(int threads, int queue, double maxGroupSteps, double maxFullWork,
                            int maxRows, Duration deadline) {

    /** Most steps times eigenvalue groups of one reduced run, by default: about a second of one core here. */
    public static final long DEFAULT_GROUP_STEPS = 50_000_000L;
    /** Most rows one run keeps for the views, by default: more than a 560-pixel-wide view can show. */
    public static final int DEFAULT_ROWS = 2000;
    /** Longest a request may compute, by default, in seconds. */
    public static final int DEFAULT_DEADLINE_SECONDS = 10;

    /** The bounds {@code specdyn explore} runs with, sized for a laptop: a request takes well under a second. */
    public static ExploreLimits defaults() {
        return new ExploreLimits(Math.max(1, Runtime.getRuntime().availableProcessors()), 32, DEFAULT_GROUP_STEPS, 2e9,
                DEFAULT_ROWS, Duration.ofSeconds(DEFAULT_DEADLINE_SECONDS));
    }

    public ExploreLimits {
        if (threads < 1 || queue < 0 || !(maxGroupSteps > 0) || !(maxFullWork > 0) || maxRows < 2
                || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public ExploreLimits withDeadline(Duration value) {
        return new ExploreLimits(threads, queue, maxGroupSteps, maxFullWork, maxRows, value);
    }

    public ExploreLimits withPool(int threadCount, int queueLength) {
        return new ExploreLimits(threadCount, queueLength, maxGroupSteps, maxFullWork, maxRows, deadline);
    }
}
