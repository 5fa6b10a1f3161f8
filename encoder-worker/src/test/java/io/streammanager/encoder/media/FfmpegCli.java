package io.streammanager.encoder.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Debian ffmpeg/ffprobe 5.1 CLI as an independent judge of what the encoder wrote. */
public final class FfmpegCli {
  private static final long TIMEOUT_SECONDS = 30;

  private FfmpegCli() {}

  /**
   * {@code ffprobe -count_frames -show_streams -show_format -of flat}: keys like {@code
   * streams.stream.0.width}.
   */
  static Probe probe(Path file) {
    String out =
        text(
            run(
                "ffprobe",
                "-v",
                "error",
                "-count_frames",
                "-show_streams",
                "-show_format",
                "-of",
                "flat",
                file.toString()));
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), unquote(line.substring(eq + 1).strip()));
      }
    }
    return new Probe(values);
  }

  /**
   * One CSV row per packet of the first stream of {@code streamType} ("v" or "a"), with the given
   * packet entries.
   */
  public static List<String[]> packets(Path file, String streamType, String entries) {
    String out =
        text(
            run(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                streamType,
                "-show_entries",
                "packet=" + entries,
                "-of",
                "csv=p=0",
                file.toString()));
    List<String[]> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.strip().split(","));
      }
    }
    return rows;
  }

  /** Decodes frame {@code n} to packed RGB24, {@code width * height * 3} bytes. */
  static byte[] rgbFrame(Path file, int n) {
    return run(
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
        "-");
  }

  /**
   * The H.264 headers as FFmpeg's {@code trace_headers} bitstream filter prints them, as {@code
   * name -> value} of the first occurrence of each syntax element (e.g. {@code cbr_flag[0] -> 1}).
   */
  static Map<String, Long> h264Headers(Path file) {
    String out =
        text(
            runCapturingStderr(
                "ffmpeg",
                "-hide_banner",
                "-i",
                file.toString(),
                "-map",
                "0:v",
                "-c",
                "copy",
                "-bsf:v",
                "trace_headers",
                "-f",
                "null",
                "-"));
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "\\[trace_headers @ [^]]+] +\\d+ +(\\S+) +[01]+ = (-?\\d+)$")
              .matcher(line.strip());
      if (m.find()) {
        values.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return values;
  }

  /** ffprobe's flat output: a stream's values by its codec_type. */
  record Probe(Map<String, String> values) {
    String stream(String codecType, String key) {
      for (int i = 0; values.containsKey("streams.stream." + i + ".index"); i++) {
        if (codecType.equals(values.get("streams.stream." + i + ".codec_type"))) {
          return values.get("streams.stream." + i + "." + key);
        }
      }
      throw new AssertionError("no " + codecType + " stream in " + values);
    }

    String format(String key) {
      return values.get("format." + key);
    }
  }

  private static byte[] runCapturingStderr(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited " + process.exitValue() + ": " + text(out));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Runs an ffmpeg/ffprobe command line; its stdout, or an AssertionError with its stderr when it
   * fails.
   */
  public static byte[] run(String... command) {
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      byte[] stdout = process.getInputStream().readAllBytes();
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited " + process.exitValue() + ": " + stderr);
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
