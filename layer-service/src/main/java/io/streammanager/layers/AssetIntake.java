package io.streammanager.layers;

import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.Command;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.LayerUpsert;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/**
 * Moves the picture bytes of an image upsert into Redis under their content address, so snapshots carry only the
 * address and its natural size.
 */
final class AssetIntake {
  static final int MAX_PIXELS = 8192 * 8192;
  private final StateStore store;

  AssetIntake(StateStore store) {
    this.store = store;
  }

  /** The command with the picture stored and referenced; rejects pictures that do not decode. */
  Command intake(Command cmd) {
    if (!cmd.hasLayerUpsert() || cmd.getLayerUpsert().getImageData().isEmpty()) {
      return cmd;
    }
    LayerUpsert upsert = cmd.getLayerUpsert();
    byte[] bytes = upsert.getImageData().toByteArray();
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new RecordRejectedException("/src: the picture cannot be decoded: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new RecordRejectedException("/src: the picture is not a PNG, JPEG, GIF or BMP");
    }
    if ((long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
      throw new RecordRejectedException("/src: the picture is larger than 8192x8192");
    }
    String assetId = sha256(bytes);
    store.putAsset(assetId, bytes);
    ImageRef ref = upsert.getLayer().getImage().toBuilder().setAssetId(assetId)
        .setNaturalWidth(image.getWidth()).setNaturalHeight(image.getHeight()).build();
    return cmd.toBuilder().setLayerUpsert(LayerUpsert.newBuilder()
        .setLayer(upsert.getLayer().toBuilder().setImage(ref))).build();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
