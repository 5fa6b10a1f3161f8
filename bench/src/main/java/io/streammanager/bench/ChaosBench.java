package io.streammanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./stream-manager chaos}: a live stream (a clock with milliseconds, so every frame differs,
 * and a cue text a client changes every 250 ms through the one address of both gateways (the
 * launcher's gateway-front) with Idempotency-Keys, retrying as a client would) recorded to a
 * Matroska file and sent to nginx-rtmp, while each kind of process of a stack of two of each is
 * hurt in turn: a render worker, the layer-service running the stream's clock, the active encoder
 * and a gateway killed with SIGKILL (the launcher restarts each), a render worker stalled with
 * SIGSTOP for 15 s. After each, {@code chaos.<fault>.<figure>} lines; at the end the commands the
 * history says were lost or applied twice, and the recordings judged by ffprobe (timestamps
 * strictly increasing in each file, continuations in frame order).
 *
 * @param faultSeconds how long each fault is watched
 * @param faults which, in order
 */
record ChaosBench(
    int faultSeconds,
    List<String> faults,
    LaunchedStack stack,
    List<String> gateways,
    StackProcesses processes,
    String kafka,
    Path recordings)
    implements BenchMain.Bench {
  static final String USAGE = "--fault-seconds N --faults " + String.join(",", Fault.NAMES);
  private static final String STREAM = "chaos";
  private static final int FPS = 30;

  /** The faults, in the order they run. */
  static final class Fault {
    static final List<String> NAMES =
        List.of(
            "render_kill",
            "layer_kill",
            "encoder_kill",
            "gateway_kill",
            "worker_stall",
            "broker_restart",
            "redis_flush");

    private Fault() {}
  }

  static ChaosBench read(BenchOptions options) {
    int seconds = options.count("fault-seconds", 20);
    List<String> faults = List.of(options.text("faults", String.join(",", Fault.NAMES)).split(","));
    LaunchedStack stack = LaunchedStack.read(options);
    List<String> gateways =
        List.of(options.text("gateways", stack.gateway()).split(",")).stream()
            .filter(s -> !s.isBlank())
            .toList();
    ChaosBench bench =
        new ChaosBench(
            seconds,
            faults,
            stack,
            gateways,
            new StackProcesses(stack.root().resolve("var/run")),
            options.text("kafka", "127.0.0.1:9092"),
            stack.root().resolve(options.text("recordings", "var/recordings")).resolve(STREAM));
    List<String> unknown = faults.stream().filter(f -> !Fault.NAMES.contains(f)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--faults: unknown " + unknown + " (allowed: " + String.join(",", Fault.NAMES) + ")");
    }
    return options.checked(bench);
  }

  @Override
  public void run() throws Exception {
    if (!RtmpReceiver.available()) {
      throw new IllegalStateException(
          "nginx-rtmp is needed as the stream's receiver: apt-get install nginx libnginx-mod-rtmp");
    }
    try (RtmpReceiver rtmp = RtmpReceiver.start(stack.work().resolve("chaos-rtmp"))) {
      run(rtmp);
    }
  }

  private void run(RtmpReceiver rtmp) throws Exception {
    Api api = stack.api();
    api.send(
        "POST",
        "/api/streams?wait=true",
        "{\"id\":\""
            + STREAM
            + "\",\"resolution\":\"640x360\",\"fps\":"
            + FPS
            + ",\"outputs\":[{\"url\":\""
            + STREAM
            + "-{run}.mkv\"},{\"url\":\""
            + rtmp.url(STREAM)
            + "\"}]}");
    api.upsertAll(
        STREAM,
        List.of(
            "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#102030\"}",
            "{\"id\":\"clock\",\"type\":\"clock\",\"x\":20,\"y\":40,\"format\":\"HH:mm:ss.SSS\","
                + "\"size\":40,\"color\":\"#FFFFFF\"}",
            "{\"id\":\"cue\",\"type\":\"text\",\"x\":20,\"y\":200,\"text\":\"cue 0\",\"size\":32,"
                + "\"color\":\"#FFEB3B\"}"));
    String runId = LiveStream.start(api, STREAM, stack.logs()).status().path("runId").asText();
    List<String> lines = new ArrayList<>();
    try (TickWatch ticks = new TickWatch(kafka, STREAM);
        ChaosClient client =
            new ChaosClient(
                gateways, System.getenv().getOrDefault("ADMIN_TOKEN", ""), STREAM, "cue", 250)) {
      settle(5);
      for (String fault : faults) {
        BenchMain.progress("chaos: %s ...", fault);
        client.during(fault);
        List<String> figures =
            switch (fault) {
              case "render_kill" -> renderKill();
              case "layer_kill" -> layerKill(ticks);
              case "encoder_kill" -> encoderKill();
              case "gateway_kill" -> gatewayKill();
              case "worker_stall" -> workerStall();
              case "broker_restart" -> brokerRestart();
              case "redis_flush" -> redisFlush(client);
              default -> throw new IllegalStateException(fault);
            };
        figures.forEach(System.out::println);
        lines.addAll(figures);
        client.during("none");
        settle(5);
      }
      BenchMain.progress("chaos: waiting for the client's last changes...");
      client.close();
      commandFigures(client.changes()).forEach(System.out::println);
    }
    api.send("POST", "/api/streams/" + STREAM + "/control?wait=true", "{\"action\":\"stop\"}");
    awaitStopped(api);
    outputFigures("chaos.output", mkvFiles(runId)).forEach(System.out::println);
    outputFigures("chaos.rtmp", rtmp.recordings()).forEach(System.out::println);
  }

  /** This run's recordings: {@code chaos-<run>.mkv} and its continuations. */
  private List<Path> mkvFiles(String runId) throws IOException {
    try (Stream<Path> s = Files.list(recordings)) {
      return s.filter(
              p -> {
                String name = p.getFileName().toString();
                return name.startsWith(STREAM + "-" + runId) && name.endsWith(".mkv");
              })
          .sorted()
          .toList();
    }
  }

  private List<String> renderKill() throws Exception {
    double before = sumOverInstances("encoder-worker", "sm_encoder_frames_repeated_total");
    long old = processes.kill("render-worker-2");
    Thread.sleep(faultSeconds * 1000L);
    double repeated =
        sumOverInstances("encoder-worker", "sm_encoder_frames_repeated_total") - before;
    awaitRestarted("render-worker-2", old);
    return List.of(BenchMain.format("chaos.render_kill.repeated_frames", repeated, 0));
  }

  private List<String> layerKill(TickWatch ticks) throws Exception {
    String owner = null;
    for (String name : instances("layer-service")) {
      if (stack.scrape(name).sum("sm_streams_live") > 0) {
        owner = name;
      }
    }
    if (owner == null) {
      throw new IllegalStateException("no layer-service reports a live stream (sm_streams_live)");
    }
    long killedAt = System.currentTimeMillis();
    long old = processes.kill(owner);
    Thread.sleep(faultSeconds * 1000L);
    TickWatch.Pause pause = ticks.longestPause(killedAt, System.currentTimeMillis());
    awaitRestarted(owner, old);
    return List.of(
        BenchMain.format("chaos.layer_kill.gap_ms", pause.gapMs(), 0),
        BenchMain.format(
            "chaos.layer_kill.frames_skipped",
            Math.max(0, pause.firstFrameAfter() - pause.lastFrameBefore() - 1),
            0),
        BenchMain.format("chaos.layer_kill.frames_twice", pause.framesTwice(), 0));
  }

  private List<String> encoderKill() throws Exception {
    Map<String, Double> before = encodedByInstance();
    Thread.sleep(1_000);
    Map<String, Double> now = encodedByInstance();
    String active =
        now.entrySet().stream()
            .filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0.0))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no encoder is encoding: " + now));
    long killedAt = System.nanoTime();
    long old = processes.kill(active);
    Map<String, Double> others = new HashMap<>(now);
    others.remove(active);
    double gap = -1;
    long deadline = killedAt + faultSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline && gap < 0) {
      Thread.sleep(100);
      for (Map.Entry<String, Double> e : encodedByInstance().entrySet()) {
        if (!e.getKey().equals(active) && e.getValue() > others.getOrDefault(e.getKey(), 0.0)) {
          gap = (System.nanoTime() - killedAt) / 1e9;
        }
      }
    }
    long rest = deadline - System.nanoTime();
    if (rest > 0) {
      Thread.sleep(rest / 1_000_000);
    }
    awaitRestarted(active, old);
    return List.of(BenchMain.format("chaos.encoder_kill.gap_s", gap < 0 ? faultSeconds : gap, 1));
  }

  private List<String> gatewayKill() throws Exception {
    long old = processes.kill("api-gateway");
    Thread.sleep(faultSeconds * 1000L);
    awaitRestarted("api-gateway", old);
    return List.of();
  }

  private List<String> workerStall() throws Exception {
    double before = sumOverInstances("encoder-worker", "sm_encoder_frames_repeated_total");
    processes.stall("render-worker");
    long longestStill = 0;
    try {
      longestStill = longestWithoutFrames(15_000);
    } finally {
      processes.resume("render-worker");
    }
    longestStill =
        Math.max(
            longestStill, longestWithoutFrames(Math.max(5_000, faultSeconds * 1000L - 15_000)));
    double repeated =
        sumOverInstances("encoder-worker", "sm_encoder_frames_repeated_total") - before;
    return List.of(
        BenchMain.format("chaos.worker_stall.encoder_stalled", longestStill >= 5_000 ? 1 : 0, 0),
        BenchMain.format("chaos.worker_stall.longest_without_frames_ms", longestStill, 0),
        BenchMain.format("chaos.worker_stall.repeated_frames", repeated, 0));
  }

  private List<String> brokerRestart() throws Exception {
    Path log = stack.logs().resolve("local-stack.log");
    long restartsBefore = count(log, "local-stack broker restarted");
    processes.restartBroker();
    long still = longestWithoutFrames(Math.max(faultSeconds, 20) * 1000L);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (count(log, "local-stack broker restarted") == restartsBefore) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the broker did not restart within 2 minutes: " + log);
      }
      Thread.sleep(500);
    }
    boolean resumed = longestWithoutFrames(3_000) < 3_000;
    return List.of(
        BenchMain.format("chaos.broker_restart.longest_without_frames_s", still / 1000.0, 1),
        BenchMain.format("chaos.broker_restart.stream_resumed", resumed ? 1 : 0, 0));
  }

  /**
   * Redis loses everything while the stream is live; {@code replay rebuild} folds the command and
   * decision logs back. The client pauses meanwhile, so the state before and after can be held side
   * by side.
   */
  private List<String> redisFlush(ChaosClient client) throws Exception {
    client.pause(true);
    try {
      Thread.sleep(7_000);
      JsonNode before = stack.api().send("GET", "/api/streams/" + STREAM + "/layers", null);
      long versionBefore = version();
      RedisCommands.flushAll(
          System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"),
          System.getenv().getOrDefault("REDIS_PASSWORD", ""));
      long started = System.nanoTime();
      rebuild();
      double rebuildSeconds = (System.nanoTime() - started) / 1e9;
      JsonNode after = stack.api().send("GET", "/api/streams/" + STREAM + "/layers", null);
      boolean identical = before.equals(after) && version() == versionBefore;
      if (!identical) {
        BenchMain.progress(
            "chaos: after the rebuild version %d layers %s; before version %d layers %s",
            version(), after, versionBefore, before);
      }
      return List.of(
          BenchMain.format("chaos.redis_flush.state_identical", identical ? 1 : 0, 0),
          BenchMain.format("chaos.redis_flush.rebuild_s", rebuildSeconds, 1));
    } finally {
      client.pause(false);
    }
  }

  /** {@code ./stream-manager replay rebuild --stream chaos}, as the launcher runs it. */
  private void rebuild() throws IOException, InterruptedException {
    Path jar = stack.root().resolve("layer-service/target/layer-service.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = stack.logs().resolve("chaos-rebuild.log");
    Process p =
        new ProcessBuilder(
                java,
                "-XX:+UseSerialGC",
                "-cp",
                jar.toString(),
                "io.streammanager.layers.RebuildMain",
                "--stream",
                STREAM)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("replay rebuild failed; see " + log);
    }
  }

  private long version() throws Exception {
    for (JsonNode s : stack.api().send("GET", "/api/streams", null)) {
      if (s.path("id").asText().equals(STREAM)) {
        return s.path("stateVersion").asLong();
      }
    }
    return -1;
  }

  private static long count(Path log, String line) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains(line)).count();
    }
  }

  /** Over {@code millis}, the longest time the encoders' frame count stood still. */
  private long longestWithoutFrames(long millis) throws Exception {
    long end = System.currentTimeMillis() + millis;
    double last = sumOverInstances("encoder-worker", "sm_encoder_frames_encoded_total");
    long lastChange = System.currentTimeMillis();
    long longest = 0;
    while (System.currentTimeMillis() < end) {
      Thread.sleep(250);
      double now = sumOverInstances("encoder-worker", "sm_encoder_frames_encoded_total");
      long t = System.currentTimeMillis();
      if (now > last) {
        last = now;
        lastChange = t;
      }
      longest = Math.max(longest, t - lastChange);
    }
    return longest;
  }

  /**
   * The client's changes against the stream's history: per fault and in all, sent, lost (accepted
   * but never applied), applied twice and never answered.
   */
  private List<String> commandFigures(Map<String, ChaosClient.Change> changes) throws Exception {
    Map<String, Integer> applied = appliedTimes();
    Map<String, int[]> byFault = ChaosClient.lostAndTwice(changes, applied);
    List<String> out = new ArrayList<>();
    int lost = 0;
    int twice = 0;
    for (int[] counts : byFault.values()) {
      lost += counts[0];
      twice += counts[1];
    }
    for (String fault : faults) {
      int[] counts = byFault.getOrDefault(fault, new int[3]);
      out.add(BenchMain.format("chaos." + fault + ".commands_sent", counts[2], 0));
      out.add(BenchMain.format("chaos." + fault + ".commands_lost", counts[0], 0));
      out.add(BenchMain.format("chaos." + fault + ".commands_applied_twice", counts[1], 0));
    }
    long unanswered = changes.values().stream().filter(c -> c.status() == 0).count();
    long retried = changes.values().stream().filter(c -> c.attempts() > 1).count();
    out.add(BenchMain.format("chaos.commands.sent", changes.size(), 0));
    out.add(BenchMain.format("chaos.commands.retried", retried, 0));
    out.add(BenchMain.format("chaos.commands.unanswered", unanswered, 0));
    out.add(BenchMain.format("chaos.commands.lost", lost, 0));
    // Also the commands whose answers never came (their ids are unknown to the client): any id the
    // history shows applied more than once.
    long twiceAnywhere = applied.values().stream().filter(n -> n > 1).count();
    out.add(BenchMain.format("chaos.commands.applied_twice", Math.max(twice, twiceAnywhere), 0));
    return out;
  }

  /** How many times the history says each command was applied. */
  private Map<String, Integer> appliedTimes() throws Exception {
    Map<String, Integer> out = new HashMap<>();
    String page = "/api/streams/" + STREAM + "/history?limit=1000";
    while (page != null) {
      JsonNode h = stack.api().send("GET", page, null);
      for (JsonNode item : h.path("items")) {
        if (item.path("result").asText().equals("applied")) {
          out.merge(item.path("commandId").asText(), 1, Integer::sum);
        }
      }
      page = h.path("next").isTextual() ? h.path("next").asText() : null;
    }
    return out;
  }

  /**
   * Recordings of the stream, as ffprobe reads them: video timestamps strictly increasing in every
   * file (the encoder's own, a standby's continuation {@code -from<frame>}, each publish nginx-rtmp
   * recorded).
   */
  private static List<String> outputFigures(String prefix, List<Path> files) throws Exception {
    int increasing = 1;
    long packets = 0;
    for (Path f : files) {
      List<Double> dts = videoDts(f);
      packets += dts.size();
      for (int i = 1; i < dts.size(); i++) {
        if (dts.get(i) <= dts.get(i - 1)) {
          increasing = 0;
          BenchMain.progress("chaos: %s: dts %s after %s", f, dts.get(i), dts.get(i - 1));
          break;
        }
      }
    }
    return List.of(
        BenchMain.format(prefix + ".files", files.size(), 0),
        BenchMain.format(prefix + ".video_packets", packets, 0),
        BenchMain.format(prefix + ".dts_increasing", increasing, 0));
  }

  private static List<Double> videoDts(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "packet=dts_time",
                "-of",
                "csv=p=0",
                file.toString())
            .redirectErrorStream(false)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("ffprobe " + file + " failed");
    }
    List<Double> dts = new ArrayList<>();
    for (String line : out.split("\n")) {
      String v = line.strip();
      if (!v.isEmpty() && !v.equals("N/A")) {
        dts.add(Double.parseDouble(v));
      }
    }
    return dts;
  }

  private void awaitStopped(Api api) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (api.send("GET", "/api/streams/" + STREAM + "/status", null)
          .path("state")
          .asText()
          .equals("stopped")) {
        return;
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException("the chaos stream did not stop within 60 s");
  }

  /** The launcher restarted the instance and its /metrics answers again (3 minutes at most). */
  private void awaitRestarted(String name, long oldPid) throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (processes.restarted(name, oldPid)) {
        try {
          stack.scrape(name);
          return;
        } catch (IOException | RuntimeException notYet) {
          // starting
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " was not restarted within 3 minutes");
  }

  private static void settle(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
  }

  /** The instances of a service the launcher started: {@code name}, {@code name-2}, ... */
  private List<String> instances(String service) {
    return stack.metrics().keySet().stream()
        .filter(n -> n.equals(service) || n.startsWith(service + "-"))
        .toList();
  }

  private Map<String, Double> encodedByInstance() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : instances("encoder-worker")) {
      try {
        out.put(name, stack.scrape(name).sum("sm_encoder_frames_encoded_total"));
      } catch (IOException | InterruptedException | RuntimeException away) {
        // killed or restarting
      }
    }
    return out;
  }

  private double sumOverInstances(String service, String metric) {
    double sum = 0;
    for (String name : instances(service)) {
      try {
        sum += stack.scrape(name).sum(metric);
      } catch (IOException | InterruptedException | RuntimeException away) {
        // killed or restarting: its counts are gone with it
      }
    }
    return sum;
  }
}
