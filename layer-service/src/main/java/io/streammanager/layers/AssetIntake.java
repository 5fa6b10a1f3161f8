package io.streammanager.layers;

import com.google.protobuf.ByteString;
import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import io.streammanager.kit.pictures.PictureHeader;
import io.streammanager.kit.pictures.Pictures;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.Command;
import io.streammanager.proto.Ids;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerBatch;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerUpsert;

/**
 * Pictures in commands: inline bytes are stored in Redis under their content address, and every
 * image layer ends up referencing an asset that exists, with its natural size, so snapshots carry
 * only the address.
 */
final class AssetIntake {
  private final StreamStore store;
  private final AssetLimits limits;

  AssetIntake(StreamStore store, AssetLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  /** A picture refused, or an asset that does not exist: the command is rejected with this. */
  static final class Refused extends RuntimeException {
    private final transient Outcome.Rejected rejection;

    Refused(Outcome.Rejected rejection, Throwable cause) {
      super(rejection.field() + ": " + rejection.reason(), cause);
      this.rejection = rejection;
    }

    Outcome.Rejected rejection() {
      return rejection;
    }
  }

  /**
   * The command with its pictures stored and referenced; rejects pictures that are refused or do
   * not exist.
   */
  Command intake(Command cmd) {
    return switch (cmd.getActionCase()) {
      case LAYER_UPSERT -> cmd.toBuilder().setLayerUpsert(upsert(cmd.getLayerUpsert(), "")).build();
      case LAYER_PATCH -> cmd.toBuilder().setLayerPatch(patch(cmd.getLayerPatch(), "")).build();
      case BATCH -> {
        LayerBatch.Builder b = LayerBatch.newBuilder();
        for (int i = 0; i < cmd.getBatch().getOperationsCount(); i++) {
          BatchOperation op = cmd.getBatch().getOperations(i);
          String at = "/operations/" + i;
          b.addOperations(
              switch (op.getOpCase()) {
                case UPSERT ->
                    op.toBuilder().setUpsert(upsert(op.getUpsert(), at + "/layer")).build();
                case PATCH ->
                    op.toBuilder().setPatch(patch(op.getPatch(), at + "/changes")).build();
                default -> op;
              });
        }
        yield cmd.toBuilder().setBatch(b).build();
      }
      default -> cmd;
    };
  }

  private LayerUpsert upsert(LayerUpsert u, String at) {
    if (!u.getLayer().hasImage()) {
      return u;
    }
    return LayerUpsert.newBuilder().setLayer(resolve(u.getLayer(), u.getImageData(), at)).build();
  }

  private LayerPatch patch(LayerPatch p, String at) {
    if (!p.getLayer().hasImage() || !p.getFieldsList().contains("image")) {
      return p.toBuilder().clearImageData().build();
    }
    return p.toBuilder()
        .setLayer(resolve(p.getLayer(), p.getImageData(), at))
        .clearImageData()
        .build();
  }

  private Layer resolve(Layer layer, ByteString inline, String at) {
    byte[] bytes;
    String assetId;
    if (!inline.isEmpty()) {
      bytes = inline.toByteArray();
      assetId = Ids.asset(bytes);
    } else {
      assetId = layer.getImage().getAssetId();
      bytes =
          store
              .asset(assetId)
              .orElseThrow(
                  () ->
                      new Refused(
                          Outcome.Rejected.notFound(
                              at + "/src",
                              "asset '"
                                  + assetId
                                  + "' does not exist (upload it with POST /api/assets)"),
                          null));
    }
    PictureHeader header = inspect(bytes, at);
    if (!inline.isEmpty()
        && store.putAsset(assetId, bytes, limits.maxTotalBytes())
            == StateStore.AssetStored.OVER_QUOTA) {
      throw new Refused(
          new Outcome.Rejected(
              at + "/src",
              "the stored assets would exceed "
                  + limits.maxTotalBytes()
                  + " bytes (ASSET_MAX_TOTAL_BYTES)"),
          null);
    }
    ImageRef ref =
        layer.getImage().toBuilder()
            .setAssetId(assetId)
            .setNaturalWidth(header.width())
            .setNaturalHeight(header.height())
            .build();
    return layer.toBuilder().setImage(ref).build();
  }

  /**
   * Size from the header alone: nothing is decoded here (the gateway decoded uploads; workers
   * decode to draw).
   */
  private PictureHeader inspect(byte[] bytes, String at) {
    try {
      return Pictures.inspect(bytes, limits);
    } catch (Pictures.RefusedPicture e) {
      throw new Refused(new Outcome.Rejected(at + "/src", e.getMessage()), e);
    }
  }
}
