package io.streammanager.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the accept-to-air latency distribution of {@code bench e2e} as a PNG (Java2D, no plotting
 * library): the share of changes per latency bin from the histogram buckets of
 * sm_e2e_latency_seconds, with p50 and p99 marked, and the mean time per hop beside it. {@link
 * Data#text()} is the same data as text, kept next to the picture.
 */
final class LatencyPlot {
  static final int WIDTH = 1200;
  static final int HEIGHT = 520;

  /** The upper edges of the histogram's bars, in ms. */
  private static final double[] EDGES_MS = {
    33.3, 50, 67, 100, 150, 200, 300, 500, 1000, 2000, 5000, Double.POSITIVE_INFINITY
  };

  private LatencyPlot() {}

  /** A mark (p50, p99) or a hop's mean, in milliseconds. */
  record Named(String name, double ms) {}

  /**
   * What the plot shows.
   *
   * @param title the line above the plot
   * @param buckets the histogram's cumulative buckets (seconds), +Inf as {@link
   *     PrometheusText#INF_BOUND}
   * @param marks quantiles to name on the plot
   * @param hops the mean of each hop
   */
  record Data(
      String title, List<PrometheusText.Bucket> buckets, List<Named> marks, List<Named> hops) {
    /**
     * The data as lines: {@code title TEXT}, {@code bucket LE_SECONDS CUMULATIVE_COUNT} (+Inf as
     * 1e12), {@code mark NAME MS}, {@code hop NAME MEAN_MS}.
     */
    String text() {
      StringBuilder out = new StringBuilder("title ").append(title).append('\n');
      for (PrometheusText.Bucket b : buckets) {
        out.append("bucket ")
            .append(b.le() == PrometheusText.INF_BOUND ? "1e12" : plain(b.le()))
            .append(' ')
            .append(plain(b.cumulative()))
            .append('\n');
      }
      marks.forEach(
          m -> out.append(String.format(Locale.ROOT, "mark %s %.1f%n", m.name(), m.ms())));
      hops.forEach(h -> out.append(String.format(Locale.ROOT, "hop %s %.1f%n", h.name(), h.ms())));
      return out.toString();
    }

    private static String plain(double v) {
      return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
  }

  /** Writes the plot of {@code data} to {@code png}. */
  static void draw(Data data, Path png) throws IOException {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font("DejaVu Sans", Font.BOLD, 18));
    g.drawString(data.title(), 20, 30);
    histogram(g, bins(data.buckets()), data.marks());
    hops(g, data.hops());
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(img, "png", png.toFile());
  }

  /** One bar of the histogram: a latency range in ms and the share of the changes in it. */
  record Bin(String label, double share) {}

  /**
   * The buckets re-binned into {@link #EDGES_MS}: the count up to an edge is the cumulative count
   * of the largest histogram bucket at or below it (Prometheus buckets are finer than these edges).
   */
  static List<Bin> bins(List<PrometheusText.Bucket> buckets) {
    double total = buckets.isEmpty() ? 0 : buckets.getLast().cumulative();
    List<Bin> bins = new ArrayList<>();
    double previous = 0;
    double lower = 0;
    for (double edge : EDGES_MS) {
      double cumulative = 0;
      for (PrometheusText.Bucket b : buckets) {
        if (b.le() * 1000 <= edge + 1e-9 || Double.isInfinite(edge)) {
          cumulative = Math.max(cumulative, b.cumulative());
        }
      }
      bins.add(
          new Bin(
              Double.isInfinite(edge)
                  ? ">" + Math.round(lower)
                  : Math.round(lower) + "-" + Math.round(edge),
              total > 0 ? (cumulative - previous) / total : 0));
      previous = cumulative;
      lower = edge;
    }
    return bins;
  }

  /** Left: the share of changes per bin, with the marks. */
  private static void histogram(Graphics2D g, List<Bin> bins, List<Named> marks) {
    int x0 = 70;
    int y0 = 440;
    int pw = 700;
    int ph = 360;
    g.setFont(new Font("DejaVu Sans", Font.PLAIN, 12));
    g.drawLine(x0, y0, x0 + pw, y0);
    g.drawLine(x0, y0, x0, y0 - ph);
    double maxShare = bins.stream().mapToDouble(Bin::share).max().orElse(0);
    double top = Math.max(0.05, Math.ceil(maxShare * 10) / 10);
    for (double t = 0; t <= top + 1e-9; t += top / 5) {
      int y = y0 - (int) Math.round(t / top * ph);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(x0 + 1, y, x0 + pw, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f%%", t * 100), 20, y + 4);
    }
    double bw = (double) pw / Math.max(1, bins.size());
    for (int k = 0; k < bins.size(); k++) {
      int bh = (int) Math.round(bins.get(k).share() / top * ph);
      g.setColor(new Color(30, 136, 229));
      g.fillRect(x0 + (int) (k * bw) + 2, y0 - bh, (int) bw - 4, bh);
      g.setColor(Color.BLACK);
      String label = bins.get(k).label();
      g.drawString(
          label, x0 + (int) (k * bw + bw / 2) - g.getFontMetrics().stringWidth(label) / 2, y0 + 16);
    }
    g.drawString(
        "share of changes per latency bin (ms from the gateway accepting a change to the first encoded frame"
            + " showing it)",
        x0,
        y0 + 40);
    int my = 70;
    for (Named m : marks) {
      g.setColor(new Color(229, 57, 53));
      g.drawString(m.name() + " = " + fmt(m.ms()) + " ms", x0 + pw - 180, my);
      my += 18;
    }
  }

  /** Right: the mean per hop as bars. */
  private static void hops(Graphics2D g, List<Named> hops) {
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
  }

  private static String fmt(double ms) {
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : String.format(Locale.ROOT, "%.1f", ms);
  }
}
