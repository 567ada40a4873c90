#!/usr/bin/env python3
"""The reference for g4j's start-up target: a minimal Gradio queue client in Python with aiohttp.

It makes the same three requests as `g4j --base-url URL --no-stream PROMPT` (GET /config, POST /queue/join,
GET /queue/data as server-sent events), applies the streamed diffs to the chatbot value and prints the final
answer. Usage: aiohttp_client.py BASE_URL PROMPT
"""
import asyncio
import json
import random
import string
import sys

import aiohttp


def apply_diff(value, ops):
    for op, path, arg in ops:
        if not path:
            value = arg if op == "replace" else value + arg if op == "append" else value
            continue
        target = value
        for key in path[:-1]:
            target = target[key]
        last = path[-1]
        if op == "replace":
            target[last] = arg
        elif op == "append":
            target[last] = target[last] + arg
        elif op == "add":
            if isinstance(target, list):
                target.insert(last, arg)
            else:
                target[last] = arg
        elif op == "delete":
            del target[last]
    return value


async def chat(base, prompt):
    async with aiohttp.ClientSession() as http:
        async with http.get(base + "/config") as response:
            config = await response.json()
        prefix = config.get("api_prefix") or ""
        fn_index = next(i for i, dep in enumerate(config["dependencies"])
                        if dep.get("api_name") == "model_chat")
        session = "".join(random.choices(string.ascii_lowercase + string.digits, k=11))
        body = {"data": [prompt, [], "You are a helpful assistant.", None], "fn_index": fn_index,
                "session_hash": session, "event_data": None, "trigger_id": None}
        async with http.post(base + prefix + "/queue/join", json=body) as response:
            response.raise_for_status()
        outputs = None
        async with http.get(base + prefix + "/queue/data", params={"session_hash": session}) as response:
            async for raw in response.content:
                line = raw.decode("utf-8").rstrip("\r\n")
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                kind = msg.get("msg")
                if kind == "process_generating":
                    data = msg["output"]["data"]
                    if outputs is None:
                        outputs = data
                    else:
                        outputs = [apply_diff(v, d) for v, d in zip(outputs, data)]
                elif kind == "process_completed":
                    outputs = msg["output"]["data"]
                    break
        chatbot = outputs[1]
        last = chatbot[-1]
        return last[1] if isinstance(last, list) else last.get("content", "")


def main():
    answer = asyncio.run(chat(sys.argv[1].rstrip("/"), sys.argv[2]))
    print(answer)


if __name__ == "__main__":
    main()
