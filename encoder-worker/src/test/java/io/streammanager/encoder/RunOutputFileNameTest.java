package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputFileNameTest {
  @TempDir
  Path dir;

  @Test
  void freeFileName_absentFile_isKept() {
    String path = dir.resolve("default-run.flv").toString();
    assertThat(RunOutput.freeFileName(path)).isEqualTo(path);
  }

  @Test
  void freeFileName_existingRecordings_areNeverOverwritten() throws Exception {
    Files.createFile(dir.resolve("default-run.flv"));
    Files.createFile(dir.resolve("default-run-1.flv"));
    assertThat(RunOutput.freeFileName(dir.resolve("default-run.flv").toString()))
        .isEqualTo(dir.resolve("default-run-2.flv").toString());
  }
}
