#!/usr/bin/env bash
# One operator session against a running Stream Manager (./stream-manager up or demo), printed as a transcript:
# create a stream, add layers, run an atomic batch and a frame-exact schedule, and get a rejection, while a WebSocket
# client watches the events. Usage: API=http://127.0.0.1:3000 WS=ws://127.0.0.1:3001/ws TOKEN=... operator-session.sh
set -euo pipefail
API="${API:-http://127.0.0.1:3000}"; WS="${WS:-ws://127.0.0.1:3001/ws}"; TOKEN="${TOKEN:?set TOKEN to an admin token}"
S="${STREAM:-news1}"
here="$(cd "$(dirname "$0")" && pwd)"

call() { # method path [json]: prints the request as curl and the answer
  local method="$1" path="$2" body="${3:-}"
  echo "\$ curl -sS -X $method $API$path -H 'Authorization: Bearer \$TOKEN'${body:+ -H 'Content-Type: application/json' -d '$body'}"
  curl -sS -X "$method" "$API$path" -H "Authorization: Bearer $TOKEN" ${body:+-H 'Content-Type: application/json' -d "$body"} \
    -w '\n[HTTP %{http_code}]\n'
  echo
}

node --experimental-websocket --no-warnings "$here/ws-watch.mjs" "$WS" "$TOKEN" "$S" 25 > /tmp/sm-ws-transcript.txt 2>&1 &
ws_pid=$!
sleep 1

echo "## create a stream, add layers, start it"
call POST "/api/streams?wait=true" "{\"id\":\"$S\",\"name\":\"News 1\",\"resolution\":\"1280x720\",\"fps\":30,\"bitrate\":3000,\"outputs\":[{\"url\":\"var/recordings/$S-{run}.flv\"}]}"
call POST "/api/streams/$S/layers?wait=true" '{"id":"bg","type":"color","color":"#101a3a"}'
call POST "/api/streams/$S/layers?wait=true" '{"id":"lower","type":"rect","x":0,"y":560,"width":1280,"height":90,"color":"#1e88e5","cornerRadius":12,"opacity":0.9}'
call POST "/api/streams/$S/layers?wait=true" '{"id":"title","type":"text","x":40,"y":580,"text":"Breaking news","size":44,"color":"#FFFFFF","font":"DejaVu Sans","weight":700}'
call POST "/api/streams/$S/control?wait=true" '{"action":"start"}'

echo "## an atomic batch: both changes land in the same frame, with a 500 ms tween on the band"
call POST "/api/streams/$S/batch?wait=true" '{"operations":[{"op":"patch","id":"lower","changes":{"color":"#E53935"}},{"op":"upsert","layer":{"id":"tag","type":"text","x":1100,"y":20,"text":"LIVE","size":36,"color":"#FF5252"}}],"transition":{"durationMs":500,"easing":"easeInOutCubic"}}'

echo "## a schedule: the title changes exactly at frame 300 (10 s after the start at 30 fps)"
call PATCH "/api/streams/$S/layers/title?wait=true" '{"text":"At frame 300","at":{"frame":300}}'
call GET "/api/streams/$S/schedule"

echo "## rejections: deleting a live stream (409, decided by layer-service: a command.rejected event), a bad colour (400,"
echo "## names the field), an unknown layer (404), a stale If-Match (412)"
call DELETE "/api/streams/$S?wait=true"
call POST "/api/streams/$S/layers" '{"id":"box","type":"rect","x":10,"y":10,"width":100,"height":50,"color":"not-a-colour"}'
call PATCH "/api/streams/$S/layers/ghost" '{"x":1}'
echo "\$ curl ... -H 'If-Match: 1'"
curl -sS -X PATCH "$API/api/streams/$S/layers/title" -H "Authorization: Bearer $TOKEN" -H 'If-Match: 1' \
  -H 'Content-Type: application/json' -d '{"x":60}' -w '\n[HTTP %{http_code}]\n'
echo
echo "## what is on air"
call GET "/api/streams/$S/layers"
call GET "/api/streams/$S/status"

wait "$ws_pid" || true
echo "## the WebSocket client meanwhile (> sent, < received)"
cat /tmp/sm-ws-transcript.txt
