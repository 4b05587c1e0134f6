#!/usr/bin/env python3
"""Put real traffic in the integration cockpit of a demo database.

    .venv/bin/python scripts/demo/outbox_traffic.py -d DB [--messages 40] [--port 8099]

Starts a fake receiver on 127.0.0.1:PORT (the base URL of the demo instance
"Demo ERP (outbound)") that fails 30 % of the calls with HTTP 503 and answers
10 % too late, queues --messages outbound messages on that instance, and waits
while the job runner of the running Odoo server (queue_job loaded
server-wide, see odoo.conf) sends and retries them. Then prints how many
were delivered (de-duplicated on Idempotency-Key) and how many calls it took.
Open *CXM > Configuration > Integrations > Cockpit* to see the result.
"""

import argparse
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from benchlib import odoo_shell


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--messages", type=int, default=40)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--wait", type=int, default=600, help="seconds to wait for the runner")
    args = parser.parse_args()
    rng, lock, received, accepted = random.Random(1), threading.Lock(), [], {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            key = self.headers.get("Idempotency-Key")
            with lock:
                roll = rng.random()
                received.append(key)
            if roll < 0.3:
                self.send_response(503)
                self.end_headers()
                return
            with lock:
                accepted.setdefault(key, body)
            if roll < 0.4:
                time.sleep(3)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}')
            except OSError:
                return  # the client timed out: it will retry, and the key de-duplicates

        def log_message(self, *a):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tag = str(int(time.time()))
    odoo_shell(
        args.database,
        f"""
inst = env.ref("cxm_integration.instance_erp_demo")
inst.write({{"base_url": "http://127.0.0.1:{args.port}", "outbox_timeout": 1.0, "outbox_backoff": 2,
            "outbox_max_attempts": 8}})
for n in range({args.messages}):
    env["cxm.integration.outbox"]._enqueue(
        inst, "demo-{tag}-%d" % n, "/orders", {{"order": n, "email": "x@example.com"}}
    )
env.cr.commit()
""",
    )
    deadline = time.time() + args.wait
    states = {}
    while time.time() < deadline:
        out = odoo_shell(
            args.database,
            f"""import json
rows = env["cxm.integration.outbox"]._read_group([("idempotency_key", "=like", "demo-{tag}-%")], ["state"], ["__count"])
print("CXM=" + json.dumps({{state: count for state, count in rows}}))""",
        )
        states = json.loads(next(line[4:] for line in out.splitlines() if line.startswith("CXM=")))
        if not set(states) - {"sent", "dead"}:
            break
        time.sleep(5)
    server.shutdown()
    print(f"outbox states: {states}")
    print(f"receiver: {len(received)} calls, {len(accepted)} distinct messages accepted of {args.messages}")


if __name__ == "__main__":
    main()
