package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.experiments.Catalogue;
import io.specdyn.experiments.Experiment;
import io.specdyn.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceCommandTest {

    /**
     * reproduce --quick produces every figure of the catalogue: a PNG that decodes at the size the
     * manifest states and is not blank, an SVG, a PDF, a non-empty CSV of the data plotted, and a
     * manifest that lists them all.
     */
    @Test
    @SuppressWarnings("unchecked")
    void quickReproductionProducesTheWholeCatalogue(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("figures");
        CliHarness r = CliHarness.run("reproduce", "--quick", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("manifest.json")));
        assertTrue(((String) manifest.get("provenance")).contains("Reconstruction"));
        List<Map<String, Object>> figures = (List<Map<String, Object>>) manifest.get("figures");
        List<String> ids = figures.stream().map(f -> (String) f.get("id")).toList();
        assertEquals(Catalogue.all().stream().map(Experiment::id).toList(), ids);
        for (Map<String, Object> figure : figures) {
            Map<String, Object> files = (Map<String, Object>) figure.get("files");
            Path png = out.resolve((String) files.get("png"));
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image != null, png + " decodes");
            List<Double> size = (List<Double>) figure.get("png-size");
            assertEquals(size.get(0).intValue(), image.getWidth(), png.toString());
            assertEquals(size.get(1).intValue(), image.getHeight(), png.toString());
            assertTrue(distinctColours(image) > 50, png + " is not blank");
            byte[] pdf = Files.readAllBytes(out.resolve((String) files.get("pdf")));
            assertEquals("%PDF-", new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII), figure.get("id") + " PDF");
            Path svg = out.resolve((String) files.get("svg"));
            assertEquals("svg", parseXml(svg).getDocumentElement().getTagName(), svg.toString());
            List<String> csv = Files.readAllLines(out.resolve((String) files.get("csv")));
            assertEquals("panel,series,kind,x,y,dx,dy", csv.get(0));
            assertTrue(csv.size() > 10, "data rows in " + files.get("csv"));
            assertEquals(Boolean.TRUE, figure.get("quick"));
            assertTrue(!((Map<String, Object>) figure.get("parameters")).isEmpty());
        }
    }

    /**
     * A manifest.json left with merge-conflict markers does not block reproduce: it is rebuilt,
     * with one warning on standard error. Before, reproduce stopped with "cannot write --out".
     */
    @Test
    @SuppressWarnings("unchecked")
    void rebuildsAManifestDamagedByAMergeConflict(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("figures"));
        Files.writeString(out.resolve("manifest.json"), "<<<<<<< HEAD\n{\"figures\": []}\n=======\n{}\n>>>>>>> b\n");
        CliHarness r = CliHarness.run("reproduce", "--quick", "--only", "F12", "--out", out.toString());
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.err.contains("specdyn reproduce: warning: " + out.resolve("manifest.json") + " cannot be read"),
                r.err);
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(out.resolve("manifest.json")));
        List<Map<String, Object>> figures = (List<Map<String, Object>>) manifest.get("figures");
        assertEquals(List.of("F12"), figures.stream().map(f -> f.get("id")).toList());
    }

    @Test
    void rejectsAnUnknownFigure(@TempDir Path tmp) throws IOException {
        CliHarness r = CliHarness.run("reproduce", "--only", "F2,F42", "--out", tmp.resolve("f").toString());
        assertEquals(2, r.exitCode);
        assertTrue(r.err.startsWith("specdyn reproduce: --only must list figures F1 ... F" + Catalogue.all().size()
                + ": unknown figure 'F42'"), r.err);
        assertTrue(Files.notExists(tmp.resolve("f")));
    }

    /** Parses an SVG as XML, without fetching its external DTD. */
    private static org.w3c.dom.Document parseXml(Path file) throws IOException {
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new AssertionError(file + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
                if (colours.size() > 1000) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }
}
