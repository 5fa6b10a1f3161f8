package io.streammanager.encoder.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx with the RTMP module on loopback, recording every publish into its own file ({@code
 * record all; record_unique on}): the independent ingest of the integration tests. It can be
 * stopped and started again on the same port, as an ingest server that goes away and comes back.
 */
final class NginxRtmp implements AutoCloseable {
  static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
  private final Path workDir;
  private final Path conf;
  private final int port;
  private final Path recordings;
  private Process process;

  private NginxRtmp(Path workDir, Path conf, int port, Path recordings) {
    this.workDir = workDir;
    this.conf = conf;
    this.port = port;
    this.recordings = recordings;
  }

  static NginxRtmp start(Path workDir) throws IOException {
    if (!Files.exists(MODULE)) {
      throw new IllegalStateException(
          "nginx-rtmp is missing: apt-get install nginx libnginx-mod-rtmp");
    }
    int port = freePort();
    Path recordings = Files.createDirectories(workDir.resolve("recordings"));
    Files.createDirectories(workDir.resolve("logs"));
    Path conf = workDir.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        load_module %s;
        daemon off;
        master_process off;
        worker_processes 1;
        error_log %s/logs/error.log warn;
        pid %s/nginx.pid;
        events { worker_connections 64; }
        rtmp {
          server {
            listen 127.0.0.1:%d;
            chunk_size 4096;
            application live {
              live on;
              record all;
              record_path %s;
              record_unique on;
            }
          }
        }
        """
            .formatted(MODULE, workDir, workDir, port, recordings));
    NginxRtmp nginx = new NginxRtmp(workDir, conf, port, recordings);
    nginx.startAgain();
    return nginx;
  }

  /** Starts nginx (again) on the same port and waits until it accepts connections. */
  void startAgain() throws IOException {
    process =
        new ProcessBuilder("nginx", "-p", workDir.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(workDir.resolve("logs/stdout.log").toFile()))
            .start();
    Await.until(Duration.ofSeconds(10), () -> "nginx-rtmp listening on " + port, this::listening);
  }

  /**
   * Stops nginx: its connections close, and the port refuses new ones until {@link #startAgain()}.
   */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  String url(String key) {
    return "rtmp://127.0.0.1:" + port + "/live/" + key;
  }

  /** The recordings of stream {@code key}, one per publish, oldest first. */
  List<Path> recordings(String key) throws IOException {
    try (Stream<Path> files = Files.list(recordings)) {
      return files.filter(f -> f.getFileName().toString().startsWith(key + "-")).sorted().toList();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  private boolean listening() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "nginx exited with " + process.exitValue() + ", see " + workDir + "/logs");
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port below Linux's ephemeral range that nobody listens on now. */
  private static int freePort() throws IOException {
    for (int tries = 0; tries < 200; tries++) {
      int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException busy) {
        // try another
      }
    }
    throw new IOException("no free port in 20000..32000");
  }
}
