package io.streammanager.render;

import io.streammanager.proto.Crop;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * A decoded picture, cropped first (crop edges rounded to whole pixels of the picture), then
 * stretched to the box; its natural size is the cropped size. Cropping takes a sub-image, so
 * interpolation never pulls in the cut-off pixels.
 */
final class ImageContent implements LayerContent {
  private final BufferedImage picture;

  private ImageContent(BufferedImage picture) {
    this.picture = picture;
  }

  /** The cropped picture; empty when the crop leaves nothing. */
  static Optional<ImageContent> of(BufferedImage picture, Crop crop) {
    int left = pixels(crop.getLeft());
    int top = pixels(crop.getTop());
    int width = picture.getWidth() - left - pixels(crop.getRight());
    int height = picture.getHeight() - top - pixels(crop.getBottom());
    if (width <= 0 || height <= 0) {
      return Optional.empty();
    }
    boolean whole = width == picture.getWidth() && height == picture.getHeight();
    return Optional.of(
        new ImageContent(whole ? picture : picture.getSubimage(left, top, width, height)));
  }

  /**
   * The cropped picture (premultiplied ARGB, possibly a sub-image sharing the decoded picture's
   * pixels).
   */
  BufferedImage picture() {
    return picture;
  }

  private static int pixels(double edge) {
    return edge > 0 ? (int) StrictMath.min(Integer.MAX_VALUE / 2, StrictMath.rint(edge)) : 0;
  }

  @Override
  public double naturalWidth() {
    return picture.getWidth();
  }

  @Override
  public double naturalHeight() {
    return picture.getHeight();
  }

  @Override
  public Rectangle2D inkBounds(double width, double height) {
    return LayerContent.box(width, height, 0);
  }

  @Override
  public boolean overlapsItself() {
    return false;
  }

  @Override
  public boolean clipsCrop() {
    return false;
  }

  @Override
  public void paint(Graphics2D g, double width, double height) {
    if (width == picture.getWidth() && height == picture.getHeight()) {
      g.drawImage(picture, 0, 0, null);
    } else {
      g.drawImage(
          picture,
          AffineTransform.getScaleInstance(
              width / picture.getWidth(), height / picture.getHeight()),
          null);
    }
  }
}
