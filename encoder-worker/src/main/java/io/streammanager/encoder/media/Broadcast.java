package io.streammanager.encoder.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encode once, mux many: one {@link PacketEncoder} whose packets fan out to one {@link
 * OutputChannel} per output (RTMP(S), SRT, FLV/MP4/MKV/TS files, HLS), each on its own thread with
 * its own bounded queue, connection and reconnects. The encoding thread never waits for an output:
 * a slow or dead output drops packets for itself only.
 *
 * <p>Used by one thread (the run's encoding thread); {@link #outputs()} may be read from any
 * thread.
 */
public final class Broadcast implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);

  /**
   * One output and who hears about it.
   *
   * @param refusal why the output must not be opened (it is shown as FAILED with this error), or
   *     null
   */
  public record Output(String url, OutputListener listener, String refusal) {
    public Output {
      Objects.requireNonNull(url, "url");
      listener = listener == null ? OutputListener.NONE : listener;
    }

    public Output(String url, OutputListener listener) {
      this(url, listener, null);
    }
  }

  private final PacketEncoder encoder;
  private final List<OutputChannel> channels;

  /** Per output: the fixed status of an output that could not even be parsed, else null. */
  private final List<OutputStatus> unusable;

  private final OutputPolicy policy;
  private boolean closed;

  private Broadcast(
      PacketEncoder encoder,
      List<OutputChannel> channels,
      List<OutputStatus> unusable,
      OutputPolicy policy) {
    this.encoder = encoder;
    this.channels = channels;
    this.unusable = unusable;
    this.policy = policy;
  }

  /**
   * Opens the codecs and starts every output's thread (each connects on its own; this call does not
   * wait for any). A URL that names no supported output becomes a {@link OutputState#FAILED}
   * output; the others run.
   *
   * @param settings what to encode; its {@code outputUrl} is ignored
   * @throws EncoderException when the codecs cannot be opened (nothing is left open)
   */
  public static Broadcast open(
      EncoderSettings settings,
      AudioSource audioSource,
      List<Output> outputs,
      OutputPolicy policy,
      String threadPrefix) {
    PacketEncoder encoder = PacketEncoder.open(settings, audioSource, outputs.size() + " outputs");
    List<OutputChannel> channels = new ArrayList<>();
    List<OutputStatus> unusable = new ArrayList<>();
    try {
      for (int i = 0; i < outputs.size(); i++) {
        Output out = outputs.get(i);
        var target =
            out.refusal() == null
                ? OutputTarget.parse(out.url())
                : java.util.Optional.<OutputTarget>empty();
        if (target.isEmpty()) {
          String shown = OutputTarget.redact(out.url());
          unusable.add(
              new OutputStatus(
                  shown,
                  "none",
                  OutputState.FAILED,
                  0,
                  0,
                  0,
                  out.refusal() != null
                      ? out.refusal()
                      : "output " + shown + " is not " + OutputTarget.ALLOWED));
          out.listener().stateChanged(OutputState.FAILED);
          channels.add(null);
          continue;
        }
        unusable.add(null);
        channels.add(
            new OutputChannel(
                target.get(),
                encoder.tracks().copy(),
                settings.fps(),
                policy,
                out.listener(),
                threadPrefix + "-" + i));
      }
      LOG.info("Encoding {} to {} outputs", settings.withOutputUrl(null), outputs.size());
      return new Broadcast(encoder, channels, unusable, policy);
    } catch (RuntimeException e) {
      channels.stream().filter(Objects::nonNull).forEach(OutputChannel::end);
      encoder.close();
      throw e;
    }
  }

  /**
   * Encodes one frame (see {@link PacketEncoder#encode}) and hands its packets to every output.
   *
   * @throws EncoderException when encoding fails (never because of an output); the broadcast is
   *     then unusable
   */
  public void writeVideoFrame(long frameIndex, byte[] yuv420p) {
    encoder.encode(frameIndex, yuv420p, this::fanOut);
  }

  public long framesWritten() {
    return encoder.framesWritten();
  }

  /** Every output's state, in the order given to {@link #open}. */
  public List<OutputStatus> outputs() {
    List<OutputStatus> out = new ArrayList<>(channels.size());
    for (int i = 0; i < channels.size(); i++) {
      out.add(channels.get(i) != null ? channels.get(i).status() : unusable.get(i));
    }
    return out;
  }

  /**
   * Flushes the encoder, lets every output write what it holds and its trailer (each within the I/O
   * timeout plus a little, a stuck one is aborted), then frees the codecs. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      encoder.flush(this::fanOut);
    } catch (RuntimeException e) {
      LOG.warn("flushing the encoder: {}", e.getMessage());
    }
    channels.stream().filter(Objects::nonNull).forEach(OutputChannel::end);
    try {
      for (OutputChannel c : channels) {
        if (c != null && !c.await(policy.ioTimeout().toMillis() + 5_000)) {
          LOG.warn("output {} did not stop", c.status().url());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      encoder.close();
    }
  }

  private void fanOut(EncodedPacket packet) {
    for (OutputChannel c : channels) {
      if (c != null) {
        c.offer(packet);
      }
    }
  }
}
