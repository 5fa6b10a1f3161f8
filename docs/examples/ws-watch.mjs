// Watches the WebSocket event feed: node --experimental-websocket ws-watch.mjs ws://127.0.0.1:3001/ws TOKEN STREAM SECONDS
// Identifies, subscribes to one stream's layer.applied / command.rejected / stream.* events, prints each message
// (stream.status only once), and sends one REST request over the socket to show request/response pairing.
const [url, token, stream, seconds = "20"] = process.argv.slice(2);
const ws = new WebSocket(url);
let statusShown = false;
const send = (m) => { console.log("> " + JSON.stringify(m)); ws.send(JSON.stringify(m)); };
ws.onopen = () => {
  send({ type: "identify", requestId: "i1", token });
  send({ type: "subscribe", requestId: "s1", streams: [stream] });
  setTimeout(() => send({ type: "request", requestId: "r1", method: "PATCH",
    path: `/api/streams/${stream}/layers/tag?wait=true`, body: { text: "LIVE (from the WebSocket)" } }), 8000);
};
ws.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m.type === "stream.status") { if (statusShown) return; statusShown = true; }
  console.log("< " + e.data);
};
ws.onerror = (e) => { console.error("websocket error", e.message ?? e); process.exit(1); };
setTimeout(() => { ws.close(); process.exit(0); }, Number(seconds) * 1000);
