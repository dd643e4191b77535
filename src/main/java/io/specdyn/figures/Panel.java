package io.specdyn.figures;

import java.util.ArrayList;
import java.util.List;

/**
 * One plot of a figure: title, axes, curves, direction fields, heat maps, straight reference lines
 * and text notes (placed in data coordinates).
 */
public record Panel(String title, Axis x, Axis y, List<Series> series, List<ArrowField> fields, List<Guide> guides,
                    List<Note> notes, List<HeatMap> maps) {

    /** A vertical ({@code vertical = true}, at x = value) or horizontal reference line with a label. */
    public record Guide(boolean vertical, double value, String label, Ink ink) {
    }

    /** A text note at a data position. */
    public record Note(double x, double y, String text) {
    }

    public Panel {
        series = List.copyOf(series);
        fields = List.copyOf(fields);
        guides = List.copyOf(guides);
        notes = List.copyOf(notes);
        maps = List.copyOf(maps);
    }

    public static Builder builder(String title, Axis x, Axis y) {
        return new Builder(title, x, y);
    }

    /** Collects the parts of a panel. */
    public static final class Builder {
        private final String title;
        private final Axis x;
        private final Axis y;
        private final List<Series> series = new ArrayList<>();
        private final List<ArrowField> fields = new ArrayList<>();
        private final List<Guide> guides = new ArrayList<>();
        private final List<Note> notes = new ArrayList<>();
        private final List<HeatMap> maps = new ArrayList<>();

        private Builder(String title, Axis x, Axis y) {
            this.title = title;
            this.x = x;
            this.y = y;
        }

        public Builder add(Series s) {
            series.add(s);
            return this;
        }

        public Builder add(ArrowField f) {
            fields.add(f);
            return this;
        }

        public Builder add(HeatMap m) {
            maps.add(m);
            return this;
        }

        public Builder vertical(double value, String label, Ink ink) {
            guides.add(new Guide(true, value, label, ink));
            return this;
        }

        public Builder horizontal(double value, String label, Ink ink) {
            guides.add(new Guide(false, value, label, ink));
            return this;
        }

        public Builder note(double atX, double atY, String text) {
            notes.add(new Note(atX, atY, text));
            return this;
        }

        public Panel build() {
            return new Panel(title, x, y, series, fields, guides, notes, maps);
        }
    }
}
