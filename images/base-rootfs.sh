#!/usr/bin/env bash
# Builds the root file system every Stream Manager image starts from, without a registry or a Docker daemon:
#   - a jlink'ed Java runtime (from the JDK in JAVA_HOME: Maven passes the JDK it runs on) at /opt/java,
#   - the glibc, libstdc++ and fontconfig shared libraries that runtime and the FFmpeg natives need, copied from this
#     (Debian) host, plus the DejaVu fonts and a fontconfig configuration for Java2D,
#   - /etc/passwd and /etc/group with the non-root user the services run as (10001 "streammanager"),
#   - writable /tmp and /var/lib/stream-manager (the working directory: recordings go below it).
# Jib adds the tree as an extra directory on top of the empty `scratch` base (see the service poms).
#
#   images/base-rootfs.sh OUT_DIR                  -> OUT_DIR/rootfs (reused while its inputs are unchanged)
#   images/base-rootfs.sh --natives OUT_DIR JAR..  -> the native libraries in JAR.. flattened into OUT_DIR/opt/ffmpeg/lib
#                                                     (bytedeco FFmpeg + JavaCPP, loaded with pathsFirst: no unpacking
#                                                     at first start)
set -euo pipefail

JAVA_MODULES=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,\
java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.incubator.vector,jdk.jfr,jdk.management,\
jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
APP_UID=10001
HOST_LIBS=/usr/lib/x86_64-linux-gnu

die() { echo "base-rootfs: $*" >&2; exit 1; }

natives() {
  local out="$1"; shift
  local lib="$out/opt/ffmpeg/lib" tmp jar
  rm -rf "$out"; mkdir -p "$lib"
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' RETURN
  for jar in "$@"; do
    [ -f "$jar" ] || die "no such jar: $jar"
    (cd "$tmp" && "$JAVA_HOME/bin/jar" xf "$jar")
  done
  find "$tmp" -type f -name '*.so*' -exec cp {} "$lib/" \;
  [ -n "$(ls "$lib")" ] || die "no native libraries found in: $*"
  echo "base-rootfs: $(ls "$lib" | wc -l) native libraries in $lib ($(du -sh "$lib" | cut -f1))"
}

if [ "${1:-}" = "--natives" ]; then
  shift; [ $# -ge 2 ] || die "usage: $0 --natives OUT_DIR JAR..."
  : "${JAVA_HOME:?JAVA_HOME must point at the JDK}"
  natives "$@"; exit 0
fi

[ $# = 1 ] || die "usage: $0 OUT_DIR"
OUT="$1"
: "${JAVA_HOME:?JAVA_HOME must point at the JDK whose runtime goes into the images (Temurin 25)}"
[ -x "$JAVA_HOME/bin/jlink" ] || die "no jlink in JAVA_HOME=$JAVA_HOME"
for f in "$HOST_LIBS/libfontconfig.so.1" /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /etc/fonts/fonts.conf; do
  [ -e "$f" ] || die "missing $f on this host (Debian: apt-get install libfontconfig1 fonts-dejavu-core)"
done

mkdir -p "$OUT"
exec 9>"$OUT/.lock"
flock 9   # several modules may ask at once; the first builds, the others reuse

stamp="$( { sha256sum <"$0"; cat "$JAVA_HOME/release"; echo "$JAVA_MODULES"; } | sha256sum | cut -c1-16)"
if [ -f "$OUT/rootfs/opt/java/bin/java" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "base-rootfs: $OUT/rootfs is up to date"
  exit 0
fi

ROOTFS="$OUT/rootfs"
rm -rf "$ROOTFS" "$OUT/stamp"
# proc, dev and sys are mount points for the container runtime.
mkdir -p "$ROOTFS"/{opt,etc,tmp,proc,dev,sys,lib64,lib/x86_64-linux-gnu,var/lib/stream-manager,usr/share/fonts/truetype}

"$JAVA_HOME/bin/jlink" --add-modules "$JAVA_MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$ROOTFS/opt/java" 2>&1 | grep -v 'Using incubator modules' || true
[ -x "$ROOTFS/opt/java/bin/java" ] || die "jlink produced no runtime"
# Headless only: drop the X11/ALSA-linked libraries (their dependencies are not in the image) and the tools.
rm -f "$ROOTFS"/opt/java/lib/{libawt_xawt.so,libsplashscreen.so,libjawt.so,libjsound.so}
find "$ROOTFS/opt/java/bin" -type f ! -name java -delete
# Jib copies files, not links: make every link a file.
find "$ROOTFS" -type l | while read -r link; do cp --remove-destination "$(readlink -f "$link")" "$link"; done

# Fonts for Java2D (the render worker ships its own fonts; the JDK's font manager still needs fontconfig).
cp -rL /etc/fonts "$ROOTFS/etc/fonts"
cp -L /usr/share/fonts/truetype/dejavu/DejaVuSans*.ttf "$ROOTFS/usr/share/fonts/truetype/"

# Shared libraries: everything the runtime and fontconfig load, plus what the FFmpeg natives need (libstdc++,
# libgcc_s, libmvec), resolved on this host and copied (no links).
closure() { # ELF files... -> resolved library paths
  ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u
}
seeds=("$HOST_LIBS/libfontconfig.so.1" "$HOST_LIBS/libstdc++.so.6" "$HOST_LIBS/libgcc_s.so.1" "$HOST_LIBS/libmvec.so.1")
mapfile -t elves < <(find "$ROOTFS/opt/java" -type f \( -name '*.so' -o -path '*/bin/java' \))
libs=()
mapfile -t libs < <( { closure "${elves[@]}" "${seeds[@]}"; printf '%s\n' "${seeds[@]}"; } | grep -v "^$ROOTFS" | sort -u)
for lib in "${libs[@]}"; do cp -L "$lib" "$ROOTFS/lib/x86_64-linux-gnu/$(basename "$lib")"; done
# nss: glibc >= 2.34 has files/dns built in; the loader must be where every ELF's PT_INTERP says.
cp -L /lib64/ld-linux-x86-64.so.2 "$ROOTFS/lib64/ld-linux-x86-64.so.2"
cp -L /lib64/ld-linux-x86-64.so.2 "$ROOTFS/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
missing="$(LD_LIBRARY_PATH="$ROOTFS/lib/x86_64-linux-gnu" ldd "${elves[@]}" 2>/dev/null | grep 'not found' \
  | grep -v libjvm.so | sort -u || true)"
[ -z "$missing" ] || die "libraries still missing: $missing"

# The Debian copyright files of everything copied from the host, for whoever redistributes the images.
{ printf '%s\n' "${libs[@]}" /lib64/ld-linux-x86-64.so.2 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
    "$HOST_LIBS/libfontconfig.so.1"; } | while read -r f; do
  real="$(readlink -f "$f")"
  { dpkg -S "$real" 2>/dev/null || dpkg -S "${real#/usr}" 2>/dev/null || true; } | head -1 | cut -d: -f1
done | sort -u | while read -r pkg; do
  [ -n "$pkg" ] && [ -f "/usr/share/doc/$pkg/copyright" ] || continue
  mkdir -p "$ROOTFS/usr/share/doc/$pkg" && cp -L "/usr/share/doc/$pkg/copyright" "$ROOTFS/usr/share/doc/$pkg/"
done

cat >"$ROOTFS/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
streammanager:x:$APP_UID:$APP_UID:Stream Manager:/var/lib/stream-manager:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$ROOTFS/etc/group" <<EOF
root:x:0:
streammanager:x:$APP_UID:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"

echo "$stamp" >"$OUT/stamp"
echo "base-rootfs: $ROOTFS ($(du -sh "$ROOTFS" | cut -f1), Java $("$ROOTFS/opt/java/bin/java" -version 2>&1 | head -1))"
