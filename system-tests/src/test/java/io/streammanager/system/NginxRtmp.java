package io.streammanager.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real nginx with the RTMP module on loopback, recording every stream it receives ({@code record
 * all}) into a directory: the independent receiver of the system tests.
 */
final class NginxRtmp implements AutoCloseable {
  static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
  private final Process process;
  private final int port;
  private final Path recordings;

  private NginxRtmp(Process process, int port, Path recordings) {
    this.process = process;
    this.port = port;
    this.recordings = recordings;
  }

  static NginxRtmp start(Path workDir) throws IOException {
    if (!Files.exists(MODULE)) {
      throw new IllegalStateException(
          "nginx-rtmp is missing: apt-get install nginx libnginx-mod-rtmp");
    }
    int port = FreePorts.next();
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
              record_unique off;
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
    NginxRtmp nginx = new NginxRtmp(p, port, recordings);
    Await.until(Duration.ofSeconds(10), () -> "nginx-rtmp listening on " + port, nginx::listening);
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

  int port() {
    return port;
  }

  String url(String app, String key) {
    return "rtmp://127.0.0.1:" + port + "/" + app + "/" + key;
  }

  /** Where {@code record all} writes stream {@code key}. */
  Path recording(String key) {
    return recordings.resolve(key + ".flv");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
