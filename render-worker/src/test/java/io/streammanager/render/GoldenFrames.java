package io.streammanager.render;

import io.streammanager.proto.StreamState;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The frames the golden and cross-JVM tests pin: every reference scene ({@link
 * ReferenceScenes#all}) at frame 0, in the middle of its tweens (12) and after them (45), each
 * presented 33 ms a frame after {@link ReferenceScenes#PTS}.
 */
final class GoldenFrames {
  static final long[] FRAMES = {0, 12, 45};

  record Golden(String name, StreamState scene, long frame, Instant pts) {}

  private GoldenFrames() {}

  static List<Golden> all() {
    List<Golden> out = new ArrayList<>();
    for (Map.Entry<String, StreamState> scene : ReferenceScenes.all().entrySet()) {
      for (long frame : FRAMES) {
        out.add(
            new Golden(
                scene.getKey() + "-f" + frame,
                scene.getValue(),
                frame,
                ReferenceScenes.PTS.plusMillis(frame * 33)));
      }
    }
    return out;
  }

  /**
   * Every golden frame's YUV, one after the other, rendered by one {@link FrameRenderer} per scene
   * that first runs through the frames before each golden one (so the reuse of earlier work is part
   * of what is compared).
   */
  static byte[] renderAllInSequence() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, StreamState> scene : ReferenceScenes.all().entrySet()) {
      FrameRenderer renderer = new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()));
      long next = 0;
      for (long golden : FRAMES) {
        byte[] yuv = null;
        for (long frame = next; frame <= golden; frame++) {
          yuv =
              renderer.render(scene.getValue(), frame, ReferenceScenes.PTS.plusMillis(frame * 33));
        }
        out.writeBytes(Arrays.copyOf(yuv, renderer.yuvLength()));
        next = golden + 1;
      }
    }
    return out.toByteArray();
  }
}
