package io.streammanager.render;

import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Tick + snapshot to YUV420P bytes (the tick gives the frame number, for tweens, and the presentation time, for
 * clocks), reusing its canvas and buffers between frames of the same size. Not thread-safe: one per rendering thread.
 */
public final class FrameRenderer {
  private final SceneRenderer scene;
  private BufferedImage canvas;
  private byte[] yuv = new byte[0];

  public FrameRenderer(SceneRenderer scene) {
    this.scene = scene;
  }

  /** Draws the frame; the returned array is reused by the next call and holds {@link #yuvLength} bytes. */
  public byte[] render(StreamState state, Tick tick) {
    int w = (int) state.getConfig().getWidth();
    int h = (int) state.getConfig().getHeight();
    if (canvas == null || canvas.getWidth() != w || canvas.getHeight() != h) {
      canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      yuv = new byte[YuvConverter.frameSize(w, h)];
    }
    scene.render(state, tick.getFrame(), ProtoTime.toInstant(tick.getPresentationTime()), canvas);
    int[] rgb = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
    YuvConverter.convert(rgb, w, h, yuv);
    return yuv;
  }

  public int yuvLength() {
    return yuv.length;
  }

  public int width() {
    return canvas.getWidth();
  }

  public int height() {
    return canvas.getHeight();
  }
}
