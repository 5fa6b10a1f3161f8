package io.streammanager.render;

/**
 * Whether this JVM was started with the Vector API ({@code --add-modules jdk.incubator.vector}).
 * The vector paths ({@link VectorYuvConverter}, {@link VectorBlit}) give the same bytes as their
 * plain-Java references, so a JVM without the module draws the same frames, only slower. {@code
 * -Dsm.render.simd=false} turns the vector paths off.
 */
final class Simd {
  static final boolean AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !"false".equals(System.getProperty("sm.render.simd"));

  private Simd() {}
}
