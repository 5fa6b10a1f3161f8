#!/usr/bin/env bash
# A debugging session with replay and time travel, against a running Stream Manager (./stream-manager up), printed as
# a transcript (docs/replay.md shows one): two operators change a live stream; one of them turns the lower band red
# by mistake; we find who and when, what was on air then, draw that frame again and check it against what aired,
# re-render the seconds around it to a clip, and survive losing Redis.
# Usage: API=http://127.0.0.1:3000 TOKEN=<admin token> debug-session.sh   (run from the repository root)
set -euo pipefail
API="${API:-http://127.0.0.1:3000}"; TOKEN="${TOKEN:?set TOKEN to an admin token}"
S="${STREAM:-news2}"

call() { # [token] method path [json]: prints the request as curl and the answer
  local tok="$TOKEN"; if [ "$1" = as ]; then tok="$2"; shift 2; fi
  local method="$1" path="$2" body="${3:-}"
  echo "\$ curl -sS -X $method '$API$path'${body:+ -d '$body'}"
  curl -sS -X "$method" "$API$path" -H "Authorization: Bearer $tok" ${body:+-H 'Content-Type: application/json' -d "$body"}
  echo
}
quiet() { curl -sS -o /dev/null -X "$1" "$API$2" -H "Authorization: Bearer ${4:-$TOKEN}" ${3:+-H 'Content-Type: application/json' -d "$3"}; }

echo "## two operators with their own keys (scopes: this stream only)"
for k in alice bob; do quiet DELETE "/api/keys/$k"; done   # from an earlier session
alice=$(curl -sS -X POST "$API/api/keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"alice\",\"scopes\":[\"stream:$S:write\",\"read\"]}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
bob=$(curl -sS -X POST "$API/api/keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bob\",\"scopes\":[\"stream:$S:write\",\"read\"]}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
echo "alice and bob have keys"
echo

echo "## the show: a background, a lower band, a title, a clock; live at 640x360, 30 fps"
quiet POST "/api/streams?wait=true" "{\"id\":\"$S\",\"resolution\":\"640x360\",\"fps\":30,\"bitrate\":1200,\"outputs\":[{\"url\":\"var/recordings/$S-{run}.flv\"}]}"
quiet POST "/api/streams/$S/layers?wait=true" '{"id":"bg","type":"color","color":"#101a3a"}' "$alice"
quiet POST "/api/streams/$S/layers?wait=true" '{"id":"band","type":"rect","x":0,"y":280,"width":640,"height":50,"color":"#1e88e5"}' "$alice"
quiet POST "/api/streams/$S/layers?wait=true" '{"id":"title","type":"text","x":20,"y":290,"text":"Evening news","size":26,"color":"#FFFFFF"}' "$alice"
quiet POST "/api/streams/$S/layers?wait=true" '{"id":"clock","type":"clock","x":500,"y":20,"format":"HH:mm:ss.SS","timeZone":"UTC","size":22,"color":"#FFEB3B"}' "$alice"
quiet POST "/api/streams/$S/control?wait=true" '{"action":"start"}' "$alice"
sleep 2
quiet PATCH "/api/streams/$S/layers/title?wait=true" '{"text":"Weather at 7","transition":{"durationMs":400}}' "$alice"
sleep 1
quiet PATCH "/api/streams/$S/layers/band?wait=true" '{"color":"#E53935","transition":{"durationMs":1000,"easing":"easeInOutCubic"}}' "$bob"
sleep 2
quiet PATCH "/api/streams/$S/layers/title?wait=true" '{"x":40,"at":{"frame":240}}' "$alice"
sleep 4
echo "(alice and bob made 8 changes in 9 s)"
echo

echo "## 'the band turned red on air, who did that?': the stream's decisions, newest last"
call GET "/api/streams/$S/history?limit=20" | sed 's/},{/},\n {/g'
echo
red=$(curl -sS "$API/api/streams/$S/history?limit=50" -H "Authorization: Bearer $TOKEN" \
  | grep -o '{[^{}]*"issuedBy":"bob"[^{}]*}' | head -1)
v_red=$(sed -n 's/.*"stateVersion":\([0-9]*\).*/\1/p' <<<"$red")
f_red=$(sed -n 's/.*"firstFrame":\([0-9]*\).*/\1/p' <<<"$red")
decided=$(sed -n 's/.*"decidedAt":"\([^"]*\)".*/\1/p' <<<"$red")
echo "## what that change did: the difference between version $((v_red - 1)) and $v_red"
call GET "/api/streams/$S/diff?from=$((v_red - 1))&to=$v_red"
echo
echo "## the state in force half a second after it (frame $((f_red + 15)))"
call GET "/api/streams/$S/state?at=frame:$((f_red + 15))" | sed 's/"layers":\[/"layers":[\n  /; s/},{"id"/},\n  {"id"/g'
echo
echo "## that frame, drawn again by the render workers, against the checksum the encoder recorded when it aired"
echo "\$ curl -sS -D - -o var/frame-$((f_red + 15)).png '$API/api/streams/$S/frame.png?at=frame:$((f_red + 15))'"
curl -sS -D - -o "var/frame-$((f_red + 15)).png" "$API/api/streams/$S/frame.png?at=frame:$((f_red + 15))" \
  -H "Authorization: Bearer $TOKEN" | grep -i '^\(HTTP\|content-type\|x-\)' | tr -d '\r'
file "var/frame-$((f_red + 15)).png" | sed 's|^.*var/|var/|'
echo
echo "## the run so far re-rendered to a clip (a separate render job; the live stream is not disturbed)"
start=$(curl -sS "$API/api/streams/$S/history?limit=50" -H "Authorization: Bearer $TOKEN" \
  | grep -o '{[^{}]*"action":"stream_start"[^{}]*}' | head -1 | sed -n 's/.*"decidedAt":"\([^"]*\)".*/\1/p')
at=$(date -u -d "$start" +%s.%N)
iso() { date -u -d "@$(awk -v a="$at" -v d="$1" 'BEGIN { printf "%.3f", a + d }')" +%Y-%m-%dT%H:%M:%S.%3NZ; }
from=$(iso 0); to=$(iso 9)
echo "\$ ./stream-manager replay render --stream $S --from $from --to $to --out var/$S-clip.mp4"
./stream-manager replay render --stream "$S" --from "$from" --to "$to" --out "var/$S-clip.mp4" 2>&1 | tr '\r' '\n' | grep -v '^\s*$' | tail -4
ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=codec_name,width,height,nb_read_frames -of compact "var/$S-clip.mp4"
echo
echo "## Redis lost (FLUSHALL) while live: rebuilt from Kafka, the same bytes"
now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
curl -sS "$API/api/streams/$S/state?at=$now" -H "Authorization: Bearer $TOKEN" > var/$S-state-before.json
echo "\$ redis-cli FLUSHALL"
redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" FLUSHALL
echo "\$ ./stream-manager replay rebuild --stream $S"
./stream-manager replay rebuild --stream "$S" 2>&1 | tail -3
curl -sS "$API/api/streams/$S/state?at=$now" -H "Authorization: Bearer $TOKEN" > var/$S-state-after.json
echo "GET /state?at=$now before and after: sha256 $(sha256sum < var/$S-state-before.json | cut -c1-16) and $(sha256sum < var/$S-state-after.json | cut -c1-16)"
diff var/$S-state-before.json var/$S-state-after.json && echo "identical"
quiet POST "/api/streams/$S/control?wait=true" '{"action":"stop"}'
