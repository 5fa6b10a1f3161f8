package io.streammanager.render;

import io.streammanager.proto.FrameTimes;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Region;
import io.streammanager.proto.StreamState;
import io.streammanager.render.SceneRenderer.DrawnLayer;
import io.streammanager.render.SceneRenderer.PreparedLayer;
import java.awt.Rectangle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where frame n differs from an earlier frame k of the same run, from the two snapshots alone (no
 * picture of frame k is needed, so any worker can tell): the layers drawn differently, added or
 * removed, each where it was and where it is. Pixels outside those areas are the same in both
 * frames, since a layer changes only the pixels of its area ({@link SceneRenderer#prepare}). Areas
 * are widened to even rectangles (whole chroma samples) and merged where they overlap. Empty means
 * "draw the frame whole": the layers changed their stacking, the size or quality changed, or the
 * areas cover too much of the frame for a patch to pay.
 */
final class FrameDamage {
  /** Above this share of the frame, a whole frame is sent instead of a patch. */
  static final double MAX_SHARE = 0.4;

  private final SceneRenderer scene;

  FrameDamage(SceneRenderer scene) {
    this.scene = scene;
  }

  /**
   * The regions where frame {@code frame} of {@code now} differs from frame {@code baseFrame} of
   * {@code base}.
   */
  Optional<List<Region>> between(
      StreamState base, long baseFrame, StreamState now, long frame, Instant pts) {
    int w = now.getConfig().getWidth();
    int h = now.getConfig().getHeight();
    if (base.getConfig().getWidth() != w
        || base.getConfig().getHeight() != h
        || base.getConfig().getQuality() != now.getConfig().getQuality()
        || w % 2 != 0
        || h % 2 != 0
        || !base.getRun().getRunId().equals(now.getRun().getRunId())) {
      return Optional.empty();
    }
    Instant basePts =
        FrameTimes.presentationTime(
            ProtoTime.toInstant(now.getRun().getStartedAt()), now.getConfig().getFps(), baseFrame);
    List<DrawnLayer> before = scene.drawnLayers(base, baseFrame, basePts);
    List<DrawnLayer> after = scene.drawnLayers(now, frame, pts);
    if (!sameStacking(before, after)) {
      return Optional.empty();
    }
    Map<String, DrawnLayer> old = new HashMap<>();
    before.forEach(d -> old.put(d.layer().getId(), d));
    Map<String, DrawnLayer> current = new HashMap<>();
    after.forEach(d -> current.put(d.layer().getId(), d));
    List<Rectangle> areas = new ArrayList<>();
    for (DrawnLayer d : before) {
      DrawnLayer then = current.get(d.layer().getId());
      if (!d.equals(then)) {
        area(d, now, w, h).ifPresent(areas::add);
      }
    }
    for (DrawnLayer d : after) {
      if (!d.equals(old.get(d.layer().getId()))) {
        area(d, now, w, h).ifPresent(areas::add);
      }
    }
    List<Rectangle> merged = merge(areas, w, h);
    long covered = 0;
    for (Rectangle r : merged) {
      covered += (long) r.width * r.height;
    }
    if (covered > MAX_SHARE * w * h) {
      return Optional.empty();
    }
    List<Region> out = new ArrayList<>(merged.size());
    for (Rectangle r : merged) {
      out.add(
          Region.newBuilder().setX(r.x).setY(r.y).setWidth(r.width).setHeight(r.height).build());
    }
    return Optional.of(out);
  }

  private Optional<Rectangle> area(DrawnLayer d, StreamState state, int w, int h) {
    PreparedLayer p = scene.prepare(d, state.getConfig().getQuality(), w, h);
    return p == null || p.area().isEmpty() ? Optional.empty() : Optional.of(p.area());
  }

  /**
   * The layers both frames have are stacked in the same order (a layer moving over another changes
   * both).
   */
  private static boolean sameStacking(List<DrawnLayer> a, List<DrawnLayer> b) {
    Map<String, Integer> inB = new HashMap<>();
    for (int i = 0; i < b.size(); i++) {
      inB.put(b.get(i).layer().getId(), i);
    }
    int last = -1;
    for (DrawnLayer d : a) {
      Integer at = inB.get(d.layer().getId());
      if (at != null) {
        if (at < last) {
          return false;
        }
        last = at;
      }
    }
    return true;
  }

  /** Even rectangles inside the frame, overlapping ones merged into their bounds. */
  static List<Rectangle> merge(List<Rectangle> areas, int w, int h) {
    List<Rectangle> out = new ArrayList<>();
    for (Rectangle a : areas) {
      int x0 = Math.max(0, a.x & ~1);
      int y0 = Math.max(0, a.y & ~1);
      int x1 = Math.min(w, (a.x + a.width + 1) & ~1);
      int y1 = Math.min(h, (a.y + a.height + 1) & ~1);
      if (x1 > x0 && y1 > y0) {
        out.add(new Rectangle(x0, y0, x1 - x0, y1 - y0));
      }
    }
    boolean mergedAny = true;
    while (mergedAny) {
      mergedAny = false;
      for (int i = 0; i < out.size() && !mergedAny; i++) {
        for (int j = i + 1; j < out.size(); j++) {
          if (out.get(i).intersects(out.get(j))) {
            out.set(i, out.get(i).union(out.get(j)));
            out.remove(j);
            mergedAny = true;
            break;
          }
        }
      }
    }
    return out;
  }
}
