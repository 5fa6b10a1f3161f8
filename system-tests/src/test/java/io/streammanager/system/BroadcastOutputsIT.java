package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broadcast-grade output through the whole system: one stream with three outputs at once
 * (nginx-rtmp, an MP4 recording and an HLS playlist) and a sound uploaded through the API playing
 * as an audio layer. Debian's ffprobe and ffmpeg judge every output: H.264 Main, a keyframe exactly
 * every 2 s, the video bit rate within 10 % of the target over every 2 s window, strictly
 * increasing DTS, 48 kHz stereo AAC that carries the sound.
 */
class BroadcastOutputsIT {
  private static final int FPS = 30;
  private static final int KBPS = 800;
  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system = new SystemUnderTest("outputs", Map.of("STREAM_RESOLUTION", "320x180"));
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  private static JsonNode status() {
    return system.getJson("/api/streams/three/status");
  }

  @Test
  void threeOutputsAndAnUploadedSound_eachOutputIsBroadcastGradeAndCarriesTheSound()
      throws Exception {
    // Given a 440 Hz WAV uploaded as an asset
    Path dir = Files.createDirectories(system.root.resolve("system-tests/target/outputs/media"));
    Path wav = dir.resolve("tone.wav");
    MediaJudge.runWithLog(
        List.of(
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-ac",
            "2",
            "-ar",
            "44100",
            wav.toString()));
    HttpResponse<String> upload =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + system.apiPort + "/api/assets"))
                    .header("Content-Type", "audio/wav")
                    .POST(HttpRequest.BodyPublishers.ofFile(wav))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    String src = SystemUnderTest.JSON.readTree(upload.body()).get("src").asText();

    // And a stream with three outputs, a moving picture and that sound looping at volume 0.8 (file
    // outputs are paths below the stream's own folder of RECORDINGS_DIR)
    String mp4Url = "media/three.mp4";
    String hlsUrl = "media/hls/three.m3u8";
    Path mp4 = system.recordings("three").resolve(mp4Url);
    Path hls = system.recordings("three").resolve(hlsUrl);
    assertThat(
            system
                .post(
                    "/api/streams?wait=true",
                    "{\"id\":\"three\",\"resolution\":\"320x180\",\"fps\":"
                        + FPS
                        + ",\"bitrate\":"
                        + KBPS
                        + ",\"outputs\":[{\"url\":\"rtmp://127.0.0.1:"
                        + system.nginx.port()
                        + "/live/three\"},{\"url\":\""
                        + mp4Url
                        + "\"},{\"url\":\""
                        + hlsUrl
                        + "\"}]}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/three/layers?wait=true",
                    "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#203040\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/three/layers?wait=true",
                    "{\"id\":\"clock\",\"type\":\"clock\",\"x\":10,"
                        + "\"y\":60,\"format\":\"HH:mm:ss.SSS\",\"size\":28,\"color\":\"#FFFFFF\"}")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> sound =
        system.post(
            "/api/streams/three/layers?wait=true",
            "{\"id\":\"music\","
                + "\"type\":\"audio\",\"src\":\""
                + src
                + "\",\"volume\":0.8,\"loop\":true}");
    assertThat(sound.statusCode()).as(sound.body()).isEqualTo(200);

    // When it runs for 8 s and stops
    assertThat(
            system
                .post("/api/streams/three/control?wait=true", "{\"action\":\"start\"}")
                .statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(60),
        () -> "8 s encoded, status " + status(),
        () -> status().path("framesEncoded").asLong() >= 8 * FPS);
    assertThat(status().path("outputs").findValuesAsText("state"))
        .as("every output's state, status " + status())
        .containsOnly("live");
    assertThat(
            system
                .post("/api/streams/three/control?wait=true", "{\"action\":\"stop\"}")
                .statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(30),
        () -> "stopped, status " + status(),
        () -> status().path("state").asText().equals("stopped"));

    // Then every output is broadcast grade and carries the sound
    for (Path out : List.of(system.nginx.recording("three"), mp4, hls)) {
      assertBroadcastGrade(out);
      // the WAV is a sine at 1/8 of full scale (-21 dB RMS), played at 0.8: about -23 dB; silence
      // is -inf
      assertThat(MediaJudge.audioRmsDb(out))
          .as(out.getFileName() + ": audio RMS level (dBFS)")
          .isGreaterThan(-40.0);
    }
  }

  /**
   * H.264 Main, a keyframe every 2 s exactly, kbps within 10 % per 2 s window, rising DTS, 48 kHz
   * stereo AAC.
   */
  private static void assertBroadcastGrade(Path file) throws Exception {
    String name = file.getFileName().toString();
    JsonNode probe = MediaJudge.probe(file);
    JsonNode video = null;
    JsonNode audio = null;
    for (JsonNode s : probe.get("streams")) {
      if (s.get("codec_type").asText().equals("video")) {
        video = s;
      } else if (s.get("codec_type").asText().equals("audio")) {
        audio = s;
      }
    }
    assertThat(video).as(name + ": a video stream").isNotNull();
    assertThat(audio).as(name + ": an audio stream").isNotNull();
    assertThat(video.get("codec_name").asText()).as(name).isEqualTo("h264");
    assertThat(video.get("profile").asText()).as(name).isEqualTo("Main");
    assertThat(audio.get("codec_name").asText()).as(name).isEqualTo("aac");
    assertThat(audio.get("sample_rate").asText()).as(name).isEqualTo("48000");
    assertThat(audio.get("channels").asInt()).as(name).isEqualTo(2);

    List<MediaJudge.Packet> packets = MediaJudge.videoPackets(file);
    double first = packets.getFirst().pts();
    List<Long> keyframes = new ArrayList<>();
    List<Long> expected = new ArrayList<>();
    for (MediaJudge.Packet p : packets) {
      if (p.key()) {
        keyframes.add(Math.round((p.pts() - first) * FPS));
      }
    }
    for (long k = 0; k < packets.size(); k += 2 * FPS) {
      expected.add(k);
    }
    assertThat(keyframes).as(name + ": keyframe frame numbers").isEqualTo(expected);
    for (int window = 0; window + 2 * FPS <= packets.size(); window += 2 * FPS) {
      long bytes =
          packets.subList(window, window + 2 * FPS).stream()
              .mapToLong(MediaJudge.Packet::size)
              .sum();
      assertThat(bytes * 8 / 2.0 / 1000)
          .as(name + ": kbps from frame " + window)
          .isCloseTo(KBPS, within(KBPS * 0.1));
    }
    List<Double> dts = packets.stream().map(MediaJudge.Packet::dts).toList();
    assertThat(dts).as(name + ": video DTS").isSorted().doesNotHaveDuplicates();
  }
}
