package io.streammanager.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's ffprobe and ffmpeg, independent of our code, asked about a recording. */
final class MediaJudge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MediaJudge() {}

  /** {@code ffprobe -show_streams -show_format -count_frames} as JSON. */
  static JsonNode probe(Path file) throws IOException, InterruptedException {
    return JSON.readTree(
        run(
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-count_frames",
                "-show_streams",
                "-show_format",
                "-of",
                "json",
                file.toString())));
  }

  /** Decode timestamps of every video packet, in file order. */
  static List<Long> videoPacketDts(Path file) throws IOException, InterruptedException {
    JsonNode packets =
        JSON.readTree(
                run(
                    List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "v:0",
                        "-show_entries",
                        "packet=dts",
                        "-of",
                        "json",
                        file.toString())))
            .get("packets");
    List<Long> out = new ArrayList<>();
    packets.forEach(p -> out.add(p.get("dts").asLong()));
    return out;
  }

  /**
   * A video packet: presentation and decoding times in seconds, its size in bytes, whether it is a
   * keyframe.
   */
  record Packet(double pts, double dts, long size, boolean key) {}

  /** Every video packet, in file order. */
  static List<Packet> videoPackets(Path file) throws IOException, InterruptedException {
    JsonNode packets =
        JSON.readTree(
                run(
                    List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "v:0",
                        "-show_entries",
                        "packet=pts_time,dts_time,size,flags",
                        "-of",
                        "json",
                        file.toString())))
            .get("packets");
    List<Packet> out = new ArrayList<>();
    packets.forEach(
        p ->
            out.add(
                new Packet(
                    p.get("pts_time").asDouble(),
                    p.get("dts_time").asDouble(),
                    p.get("size").asLong(),
                    p.get("flags").asText().startsWith("K"))));
    return out;
  }

  /**
   * The whole audio track's RMS level in dBFS, measured by ffmpeg's astats ({@code -Infinity}:
   * silence).
   */
  static double audioRmsDb(Path file) throws IOException, InterruptedException {
    String log =
        runWithLog(
            List.of(
                "ffmpeg",
                "-v",
                "info",
                "-nostats",
                "-i",
                file.toString(),
                "-map",
                "0:a:0",
                "-af",
                "astats=measure_perchannel=none",
                "-f",
                "null",
                "-"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("RMS level dB: (-?[0-9.]+|-inf)").matcher(log);
    double last = Double.NEGATIVE_INFINITY;
    while (m.find()) {
      last = m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }
    return last;
  }

  /**
   * Runs an ffmpeg/ffprobe command; its standard output and error together (what ffmpeg's filters
   * log).
   */
  static String runWithLog(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", cmd)
              + " failed: "
              + new String(out, java.nio.charset.StandardCharsets.UTF_8));
    }
    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The n-th decoded video frame as packed RGB24 bytes. */
  static byte[] frameRgb(Path file, int n) throws IOException, InterruptedException {
    return runBytes(
        List.of(
            "ffmpeg",
            "-v",
            "error",
            "-i",
            file.toString(),
            "-vf",
            "select=eq(n\\," + n + ")",
            "-frames:v",
            "1",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-"));
  }

  /**
   * Decoded video frames {@code from}..{@code to} (by decode index) as RGB24, in one ffmpeg run.
   */
  static List<byte[]> framesRgb(Path file, int from, int to, int width, int height)
      throws IOException, InterruptedException {
    byte[] all =
        runBytes(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-i",
                file.toString(),
                "-vf",
                "select=between(n\\," + from + "\\," + to + ")",
                "-fps_mode",
                "passthrough",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-"));
    int size = width * height * 3;
    List<byte[]> out = new ArrayList<>();
    for (int at = 0; at + size <= all.length; at += size) {
      out.add(java.util.Arrays.copyOfRange(all, at, at + size));
    }
    return out;
  }

  static int[] pixel(byte[] rgb, int width, int x, int y) {
    int i = (y * width + x) * 3;
    return new int[] {rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF};
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    return new String(runBytes(cmd), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] runBytes(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed");
    }
    return out.toByteArray();
  }
}
