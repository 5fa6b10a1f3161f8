package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.bench.LatencyPlot.Bin;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyPlotTest {
  private static final PrometheusText ENCODER = PrometheusText.parse(MetricsPages.ENCODER);

  @Test
  void bins_shareTheChangesOutInFixedMsRanges_theRestBeyond5s() {
    assertThat(LatencyPlot.bins(ENCODER.buckets(E2eBench.LATENCY)))
        .containsExactly(
            new Bin("0-33", 0),
            new Bin("33-50", 0),
            new Bin("50-67", 0),
            new Bin("67-100", 0.7),
            new Bin("100-150", 0),
            new Bin("150-200", 0),
            new Bin("200-300", 0),
            new Bin("300-500", 0.2),
            new Bin("500-1000", 0),
            new Bin("1000-2000", 0),
            new Bin("2000-5000", 0),
            new Bin(">5000", 0.1));
  }

  @Test
  void draw_writesAPngOfThePlotsSize(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("bench/e2e-latency-1280x720.png");

    LatencyPlot.draw(E2eBench.plotData(ENCODER, "accept-to-air latency"), png);

    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(LatencyPlot.WIDTH);
    assertThat(img.getHeight()).isEqualTo(LatencyPlot.HEIGHT);
  }
}
