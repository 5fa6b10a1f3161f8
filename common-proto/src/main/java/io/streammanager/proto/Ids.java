package io.streammanager.proto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identifiers every process agrees on: names of streams, layers and keys, and content addresses
 * of assets.
 */
public final class Ids {
  /**
   * Stream, layer and key names: 1-64 characters of A-Z a-z 0-9 . _ -, but not {@code .} or {@code
   * ..} (a stream's id names its recordings folder).
   */
  public static final Pattern NAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._\\-]{1,64}");

  public static final String NAME_RULE = "1-64 characters of A-Z a-z 0-9 . _ - (not . or ..)";

  private Ids() {}

  /** The id of an asset: the SHA-256 of its bytes, in lower-case hex. */
  public static String asset(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
