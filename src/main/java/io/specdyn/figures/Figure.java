package io.specdyn.figures;

import java.util.List;

/**
 * A figure: an identifier (used for file names), a title, a caption line, and its panels laid out
 * in {@code columns} columns, rendered at {@code width x height} pixels (PNG) or points (SVG).
 */
public record Figure(String id, String title, String caption, int columns, List<Panel> panels, int width, int height) {

    public Figure {
        panels = List.copyOf(panels);
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a figure needs panels and at least one column");
        }
    }

    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }
}
