package io.streammanager.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's nginx with the RTMP module on loopback, recording every publish into a file of its own
 * ({@code record all}, {@code record_unique on}): the independent receiver chaos streams to, as an
 * ingest server would see the stream, reconnects included.
 */
final class RtmpReceiver implements AutoCloseable {
  static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
  private final Process process;
  private final int port;
  private final Path recordings;

  private RtmpReceiver(Process process, int port, Path recordings) {
    this.process = process;
    this.port = port;
    this.recordings = recordings;
  }

  /** True when nginx and its RTMP module are installed. */
  static boolean available() {
    return Files.exists(MODULE);
  }

  static RtmpReceiver start(Path workDir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path recordings = Files.createDirectories(workDir.resolve("recordings"));
    // What an earlier run recorded is not this one's.
    try (Stream<Path> old = Files.list(recordings)) {
      for (Path f : old.toList()) {
        Files.delete(f);
      }
    }
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
    Process p =
        new ProcessBuilder("nginx", "-p", workDir.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("logs/stdout.log").toFile())
            .start();
    RtmpReceiver nginx = new RtmpReceiver(p, port, recordings);
    // nginx goes with the benchmark, also when it is stopped (SIGTERM from the launcher).
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "nginx-rtmp-stop"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!nginx.listening()) {
      if (System.nanoTime() > deadline) {
        nginx.close();
        throw new IllegalStateException("nginx-rtmp did not listen on " + port);
      }
      Thread.sleep(100);
    }
    return nginx;
  }

  private boolean listening() {
    if (!process.isAlive()) {
      throw new IllegalStateException("nginx exited with " + process.exitValue());
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String url(String key) {
    return "rtmp://127.0.0.1:" + port + "/live/" + key;
  }

  /** The files nginx recorded, oldest first. */
  List<Path> recordings() throws IOException {
    try (Stream<Path> s = Files.list(recordings)) {
      return s.filter(p -> p.toString().endsWith(".flv")).sorted().toList();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
