#!/usr/bin/env python3
"""Challenge 1 (echo) in Python, correct; also writes a malformed line once, to show protocol errors are counted."""
import json
import sys

node_id = None
warned = False
for line in sys.stdin:
    msg = json.loads(line)
    body = msg["body"]
    if body["type"] == "init":
        node_id = body["node_id"]
        reply = {"type": "init_ok"}
    elif body["type"] == "echo":
        reply = {"type": "echo_ok", "echo": body["echo"]}
        if not warned:
            warned = True
            print("this line is not JSON", flush=True)
            print(json.dumps({"src": node_id, "body": {"type": "oops"}}), flush=True)
    else:
        continue
    reply["in_reply_to"] = body["msg_id"]
    print(json.dumps({"src": node_id, "dest": msg["src"], "body": reply}), flush=True)
