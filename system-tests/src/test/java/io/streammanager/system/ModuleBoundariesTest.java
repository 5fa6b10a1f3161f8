package io.streammanager.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module list is the architecture: services share only common-proto and service-kit. */
class ModuleBoundariesTest {
  static final String[] SERVICES = {
    "io.streammanager.gateway..",
    "io.streammanager.layers..",
    "io.streammanager.render..",
    "io.streammanager.encoder.."
  };
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.streammanager");

  @Test
  void services_doNotDependOnEachOther() {
    for (String service : SERVICES) {
      for (String other : SERVICES) {
        if (!service.equals(other)) {
          noClasses()
              .that()
              .resideInAPackage(service)
              .should()
              .dependOnClassesThat()
              .resideInAPackage(other)
              .because(
                  "services talk only through Kafka topics and Redis snapshots: move shared types to "
                      + "common-proto (messages) or service-kit (plumbing)")
              .check(CLASSES);
        }
      }
    }
  }

  @Test
  void nothing_dependsOnTheLocalStack() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.streammanager.localstack..")
        .and()
        .resideOutsideOfPackage("io.streammanager.system..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.streammanager.localstack..")
        .because(
            "the in-process broker and redis-server are for tests and the launcher only; services get "
                + "KAFKA_BOOTSTRAP_SERVERS and REDIS_URL")
        .check(CLASSES);
  }

  @Test
  void sharedModules_doNotDependOnServices() {
    for (String service : SERVICES) {
      noClasses()
          .that()
          .resideInAnyPackage("io.streammanager.proto..", "io.streammanager.kit..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(service)
          .because("common-proto and service-kit sit below every service")
          .check(CLASSES);
    }
  }
}
