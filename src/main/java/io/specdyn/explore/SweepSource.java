package io.specdyn.explore;

import java.util.List;
import java.util.Map;

/** A finished sweep the page shows: its regime maps, and the run behind each cell. */
public interface SweepSource {

    /** The sweep's regime maps and cells, as the page draws them (a JSON object). */
    Map<String, Object> describe();

    /**
     * The arguments of {@code specdyn run} that recompute cell {@code index}.
     *
     * @throws Refusal (400) for an index that is not a cell of the sweep
     */
    List<String> cellArgv(int index);
}
