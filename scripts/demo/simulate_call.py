#!/usr/bin/env python3
"""Simulate a call on the demo call centre of a running server.

    .venv/bin/python scripts/demo/simulate_call.py --url http://127.0.0.1:8069 [--key cxm_...] \
        [--caller "+90 312 440 50 60"] [--agent 1001] [--talk 5]

Pushes ``started`` (the agent mapped to --agent gets the pop-up over the bus),
``answered`` and, after --talk seconds, ``ended`` to ``/cxm/api/v1/cti/calls``,
then prints the pop URL an agent would open (with the demo token).
The default API key is the demo one; for another instance use *New API Key* (scope CTI).
"""

import argparse
import time
import uuid
from urllib.parse import urlencode

import requests


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument(
        "--key",
        default="cxm_d3m0pbx00001_demo-only-key-of-the-demo-call-centre",
        help="API key of the call-centre instance (scope CTI); default: the demo key",
    )
    parser.add_argument("--caller", default="+90 312 440 50 60")
    parser.add_argument("--agent", default="1001")
    parser.add_argument("--instance", default="pbx-demo")
    parser.add_argument("--token", default="demo-pop-token")
    parser.add_argument("--talk", type=float, default=5.0)
    args = parser.parse_args()
    call_id = f"sim-{uuid.uuid4().hex[:8]}"
    for event in ("started", "answered", "ended"):
        if event == "ended":
            time.sleep(args.talk)
        body = {"event": event, "call_id": call_id, "caller_id": args.caller, "agent_id": args.agent}
        response = requests.post(
            f"{args.url}/cxm/api/v1/cti/calls", json=body, headers={"X-API-Key": args.key}, timeout=30
        )
        print(event, response.status_code, response.text)
    query = {"instance": args.instance, "caller_id": args.caller, "call_id": call_id, "agent_id": args.agent}
    print("pop URL:", f"{args.url}/cxm/cti/pop?" + urlencode({**query, "token": args.token}))


if __name__ == "__main__":
    main()
