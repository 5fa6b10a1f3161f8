package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every output is opened with a protocol whitelist of its own kind only: even a URL that got past
 * every check cannot make FFmpeg reach another protocol (security review H-1: gopher, tcp, http
 * from a "file" output).
 */
class MuxerProtocolWhitelistTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {"tcp://127.0.0.1:%d/x.flv", "http://127.0.0.1:%d/x.flv", "tcp:127.0.0.1:%d/x.flv"})
  void start_fileOutputWhoseUrlNamesANetworkProtocol_neverConnects(String template)
      throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        PacketEncoder encoder =
            PacketEncoder.open(
                EncoderSettings.of(160, 90, 30, 300, null),
                SilenceSource.INSTANCE,
                "whitelist test")) {
      listener.setSoTimeout(300);
      OutputTarget smuggled =
          new OutputTarget(template.formatted(listener.getLocalPort()), "flv", false);

      try (Muxer muxer = Muxer.allocate(smuggled, encoder.tracks().copy(), Long.MAX_VALUE)) {
        assertThatThrownBy(muxer::start)
            .isInstanceOf(EncoderException.class)
            .hasMessageStartingWith("cannot open output");
      }

      assertThatThrownBy(listener::accept)
          .as("nothing connected to the listener")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void start_fileOutput_stillWritesItsFile() throws Exception {
    Path file = dir.resolve("ok.flv");
    try (PacketEncoder encoder =
            PacketEncoder.open(
                EncoderSettings.of(160, 90, 30, 300, null),
                SilenceSource.INSTANCE,
                "whitelist test");
        Muxer muxer =
            Muxer.allocate(
                OutputTarget.parse(file.toString()).orElseThrow(),
                encoder.tracks().copy(),
                Long.MAX_VALUE)) {
      muxer.start();
    }

    assertThat(file).exists().isNotEmptyFile();
  }
}
