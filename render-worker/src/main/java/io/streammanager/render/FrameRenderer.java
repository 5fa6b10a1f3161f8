package io.streammanager.render;

import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import io.streammanager.render.SceneRenderer.DrawnLayer;
import io.streammanager.render.SceneRenderer.PreparedLayer;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick + snapshot to YUV420P bytes (the tick gives the frame number, for tweens, and the
 * presentation time, for clocks), doing only the work that changed since the previous frame. The
 * bytes are always those of drawing the whole frame from scratch ({@link SceneRenderer#render} then
 * {@link YuvConverter}); tests compare the two.
 *
 * <ul>
 *   <li><b>Same frame.</b> Each frame starts from its layers as drawn ({@link
 *       SceneRenderer#drawnLayers}: tweens applied, clock texts formatted). When they and the
 *       quality equal the previous frame's, the previous YUV is returned as it is: nothing is drawn
 *       or converted (a static scene, a clock between two changes of its text).
 *   <li><b>Static base.</b> The bottom layers that did not change since the previous frame are
 *       composed once into a base picture, which stays while they stay. A frame copies the base and
 *       draws only the layers above it.
 *   <li><b>Dirty areas.</b> Every layer above the base is measured first ({@link
 *       SceneRenderer#prepare}: the pixels it can change; drawing is clipped to them). The canvas
 *       is restored from the base only inside those areas and last frame's, the layers above the
 *       base are drawn again, and only those areas are converted to YUV.
 * </ul>
 *
 * Buffers (canvas, base, YUV) are kept between frames of the same size, taken from and given back
 * ({@link #close}) to a pool ({@link FrameBuffers}). Not thread-safe: one per rendering thread.
 */
public final class FrameRenderer implements AutoCloseable {
  private final SceneRenderer scene;
  private final FrameStats stats;
  private final FrameBuffers pool;
  private FrameBuffers.Set buffers;
  private boolean unchanged;
  private BufferedImage canvas;
  private BufferedImage base;
  private byte[] yuv = new byte[0];

  /** The layers the canvas and {@link #yuv} show, or null when they show nothing reusable. */
  private List<DrawnLayer> shown;

  private RenderQuality shownQuality;

  /** The areas the layers above the base covered in the frame shown. */
  private List<Rectangle> shownAreas = List.of();

  /** The layers composed into {@link #base}, or null when the base is not valid. */
  private List<DrawnLayer> baseLayers;

  private RenderQuality baseQuality;

  public FrameRenderer(SceneRenderer scene) {
    this(scene, new FrameStats());
  }

  /** A renderer that counts into {@code stats} (shared by the renderers of a worker). */
  public FrameRenderer(SceneRenderer scene, FrameStats stats) {
    this(scene, stats, FrameBuffers.SHARED);
  }

  FrameRenderer(SceneRenderer scene, FrameStats stats, FrameBuffers pool) {
    this.scene = scene;
    this.stats = stats;
    this.pool = pool;
  }

  /**
   * Gives the frame buffers back to the pool (the last returned YUV array with them); the next
   * {@link #render} takes buffers again and draws a whole frame.
   */
  @Override
  public void close() {
    if (buffers != null) {
      pool.give(buffers);
      buffers = null;
      canvas = null;
      base = null;
      yuv = new byte[0];
    }
    shown = null;
    baseLayers = null;
    shownAreas = List.of();
  }

  /**
   * Draws the frame; the returned array is reused by the next call and holds {@link #yuvLength}
   * bytes.
   */
  public byte[] render(StreamState state, Tick tick) {
    return render(state, tick.getFrame(), ProtoTime.toInstant(tick.getPresentationTime()));
  }

  /**
   * Draws frame {@code frame} presented at {@code presentationTime}; the array is reused by the
   * next call.
   */
  public byte[] render(StreamState state, long frame, Instant presentationTime) {
    int w = state.getConfig().getWidth();
    int h = state.getConfig().getHeight();
    if (buffers == null || buffers.width() != w || buffers.height() != h) {
      close();
      buffers = pool.take(w, h);
      canvas = buffers.canvas();
      base = buffers.base();
      yuv = buffers.yuv();
    }
    RenderQuality quality = state.getConfig().getQuality();
    List<DrawnLayer> layers = scene.drawnLayers(state, frame, presentationTime);
    boolean continues = shown != null && quality == shownQuality;
    unchanged = continues && layers.equals(shown);
    if (unchanged) {
      stats.skipped.increment();
      return yuv;
    }
    int stable = continues ? commonPrefix(layers, shown) : 0;
    boolean baseFits =
        baseLayers != null
            && baseQuality == quality
            && baseLayers.size() <= stable
            && layers.subList(0, baseLayers.size()).equals(baseLayers);
    Graphics2D g = canvas.createGraphics();
    try {
      QualityHints.apply(g, quality);
      if (baseFits && baseLayers.size() == stable) {
        stats.partial.increment();
        redrawChanged(g, layers, quality);
      } else {
        stats.whole.increment();
        composeBase(layers, stable, quality, baseFits);
        drawAboveBase(g, layers, quality);
      }
    } finally {
      g.dispose();
    }
    shown = layers;
    shownQuality = quality;
    return yuv;
  }

  /**
   * The base becomes the first {@code count} layers: drawn on top of the current base when it is a
   * prefix of them.
   */
  private void composeBase(
      List<DrawnLayer> layers, int count, RenderQuality quality, boolean extend) {
    Graphics2D bg = base.createGraphics();
    try {
      QualityHints.apply(bg, quality);
      int from = extend ? baseLayers.size() : 0;
      if (!extend) {
        SceneRenderer.clear(bg, base);
      }
      for (DrawnLayer layer : layers.subList(from, count)) {
        PreparedLayer p = scene.prepare(layer, quality, base.getWidth(), base.getHeight());
        if (p != null) {
          scene.draw(bg, base, p);
        }
      }
    } finally {
      bg.dispose();
    }
    baseLayers = List.copyOf(layers.subList(0, count));
    baseQuality = quality;
  }

  /** The whole frame: the base, the layers above it, all converted. */
  private void drawAboveBase(Graphics2D g, List<DrawnLayer> layers, RenderQuality quality) {
    int[] px = SceneRenderer.pixels(canvas);
    System.arraycopy(SceneRenderer.pixels(base), 0, px, 0, px.length);
    shownAreas = drawLayers(g, prepare(layers, quality));
    YuvConverter.convertFast(px, canvas.getWidth(), canvas.getHeight(), yuv);
  }

  /**
   * Only where the layers above the base were or are: restore from the base, draw them, convert
   * those areas.
   */
  private void redrawChanged(Graphics2D g, List<DrawnLayer> layers, RenderQuality quality) {
    List<PreparedLayer> above = prepare(layers, quality);
    List<Rectangle> dirty = new ArrayList<>(shownAreas);
    for (PreparedLayer p : above) {
      dirty.add(p.area());
    }
    int w = canvas.getWidth();
    int[] px = SceneRenderer.pixels(canvas);
    int[] basePx = SceneRenderer.pixels(base);
    for (Rectangle r : dirty) {
      for (int y = r.y; y < r.y + r.height; y++) {
        System.arraycopy(basePx, y * w + r.x, px, y * w + r.x, r.width);
      }
    }
    shownAreas = drawLayers(g, above);
    for (Rectangle r : dirty) {
      YuvConverter.convertFast(px, w, canvas.getHeight(), yuv, r);
    }
  }

  private List<PreparedLayer> prepare(List<DrawnLayer> layers, RenderQuality quality) {
    List<PreparedLayer> out = new ArrayList<>();
    for (DrawnLayer layer : layers.subList(baseLayers.size(), layers.size())) {
      PreparedLayer p = scene.prepare(layer, quality, canvas.getWidth(), canvas.getHeight());
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private List<Rectangle> drawLayers(Graphics2D g, List<PreparedLayer> layers) {
    List<Rectangle> areas = new ArrayList<>(layers.size());
    for (PreparedLayer p : layers) {
      scene.draw(g, canvas, p);
      areas.add(p.area());
    }
    return areas;
  }

  private static int commonPrefix(List<DrawnLayer> a, List<DrawnLayer> b) {
    int n = Math.min(a.size(), b.size());
    int i = 0;
    while (i < n && a.get(i).equals(b.get(i))) {
      i++;
    }
    return i;
  }

  /** True when the last {@link #render} returned the bytes of the frame before it, untouched. */
  public boolean unchanged() {
    return unchanged;
  }

  public int yuvLength() {
    return yuv.length;
  }

  /** The width of the last frame drawn (0 before the first and after {@link #close}). */
  public int width() {
    return buffers == null ? 0 : buffers.width();
  }

  public int height() {
    return buffers == null ? 0 : buffers.height();
  }

  /** Frames drawn whole, drawn in part, and returned unchanged; time by layer type. */
  public FrameStats stats() {
    return stats;
  }

  /** Time spent on layers by type since this renderer was made. */
  public LayerTimes layerTimes() {
    return scene.times();
  }
}
