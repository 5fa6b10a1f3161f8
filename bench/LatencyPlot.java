import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the accept-to-air latency distribution of `./stream-manager bench e2e` as a PNG (Java2D, no plotting
 * library): the share of changes per histogram bucket of sm_e2e_latency_seconds, with p50 and p99 marked, and the mean
 * time per hop beside it. Reads lines from stdin:
 *   title TEXT
 *   bucket LE_SECONDS CUMULATIVE_COUNT      (Prometheus histogram buckets, any order, +Inf as 1e12)
 *   mark NAME MS                            (e.g. p50 89.5)
 *   hop NAME MEAN_MS
 * Usage: java bench/LatencyPlot.java out.png < data
 */
public class LatencyPlot {
  record Bucket(double le, double cumulative) {}

  record Named(String name, double ms) {}

  public static void main(String[] args) throws Exception {
    String title = "e2e latency";
    List<Bucket> buckets = new ArrayList<>();
    List<Named> marks = new ArrayList<>();
    List<Named> hops = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.trim().split("\\s+", 2);
        if (f.length < 2) {
          continue;
        }
        String[] v = f[1].split("\\s+");
        switch (f[0]) {
          case "title" -> title = f[1];
          case "bucket" -> buckets.add(new Bucket(Double.parseDouble(v[0]), Double.parseDouble(v[1])));
          case "mark" -> marks.add(new Named(v[0], Double.parseDouble(v[1])));
          case "hop" -> hops.add(new Named(v[0], Double.parseDouble(v[1])));
          default -> { }
        }
      }
    }
    buckets.sort((a, b) -> Double.compare(a.le(), b.le()));
    double total = buckets.isEmpty() ? 0 : buckets.getLast().cumulative();
    // Re-binned into fixed, readable bins (ms): the count up to an edge is the cumulative count of the largest
    // histogram bucket at or below it (Prometheus buckets are finer than these edges).
    double[] edges = {33.3, 50, 67, 100, 150, 200, 300, 500, 1000, 2000, 5000, Double.POSITIVE_INFINITY};
    List<String> labels = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    double previous = 0;
    double lower = 0;
    for (double edge : edges) {
      double cumulative = 0;
      for (Bucket b : buckets) {
        if (b.le() * 1000 <= edge + 1e-9 || Double.isInfinite(edge)) {
          cumulative = Math.max(cumulative, b.cumulative());
        }
      }
      labels.add(Double.isInfinite(edge) ? ">" + Math.round(lower) : Math.round(lower) + "-" + Math.round(edge));
      shares.add(total > 0 ? (cumulative - previous) / total : 0);
      previous = cumulative;
      lower = edge;
    }
    int w = 1200;
    int h = 520;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font("DejaVu Sans", Font.BOLD, 18));
    g.drawString(title, 20, 30);

    // Left: histogram
    int x0 = 70;
    int y0 = 440;
    int pw = 700;
    int ph = 360;
    g.setFont(new Font("DejaVu Sans", Font.PLAIN, 12));
    g.drawLine(x0, y0, x0 + pw, y0);
    g.drawLine(x0, y0, x0, y0 - ph);
    double maxShare = shares.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double top = Math.max(0.05, Math.ceil(maxShare * 10) / 10);
    for (double t = 0; t <= top + 1e-9; t += top / 5) {
      int y = y0 - (int) Math.round(t / top * ph);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(x0 + 1, y, x0 + pw, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f%%", t * 100), 20, y + 4);
    }
    int n = shares.size();
    double bw = (double) pw / Math.max(1, n);
    for (int k = 0; k < n; k++) {
      int bh = (int) Math.round(shares.get(k) / top * ph);
      g.setColor(new Color(30, 136, 229));
      g.fillRect(x0 + (int) (k * bw) + 2, y0 - bh, (int) bw - 4, bh);
      g.setColor(Color.BLACK);
      String label = labels.get(k);
      g.drawString(label, x0 + (int) (k * bw + bw / 2) - g.getFontMetrics().stringWidth(label) / 2, y0 + 16);
    }
    g.drawString("share of changes per latency bin (ms from the gateway accepting a change to the first encoded frame"
        + " showing it)", x0, y0 + 40);
    int my = 70;
    for (Named m : marks) {
      g.setColor(new Color(229, 57, 53));
      g.drawString(m.name() + " = " + fmt(m.ms()) + " ms", x0 + pw - 180, my);
      my += 18;
    }

    // Right: mean per hop
    int hx = 820;
    int hy = 70;
    g.setColor(Color.BLACK);
    g.setFont(new Font("DejaVu Sans", Font.BOLD, 14));
    g.drawString("mean per hop (ms)", hx, hy);
    g.setFont(new Font("DejaVu Sans", Font.PLAIN, 12));
    double maxHop = hops.stream().mapToDouble(Named::ms).max().orElse(1);
    int row = 0;
    for (Named hop : hops) {
      int y = hy + 20 + row * 34;
      g.setColor(Color.BLACK);
      g.drawString(hop.name(), hx, y + 12);
      int len = (int) Math.round(hop.ms() / Math.max(1e-9, maxHop) * 200);
      g.setColor(new Color(67, 160, 71));
      g.fillRect(hx + 140, y + 16, Math.max(1, len), 10);
      g.setColor(Color.BLACK);
      g.drawString(fmt(hop.ms()), hx + 140 + len + 6, y + 26);
      row++;
    }
    g.dispose();
    ImageIO.write(img, "png", Path.of(args[0]).toFile());
  }

  private static String fmt(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
  }
}
