"""`learnbot run` as a real process, long polling the HTTP fake Bot API on 127.0.0.1."""

import asyncio
import os
import signal
import sys

from bot.local_api import LocalBotApi
from tests.fakegram import FakeTelegramServer

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


async def test_run_polls_answers_start_and_stops_cleanly_on_sigterm(database_url, tmp_path):
    """Sets its commands, greets /start over HTTP, exits 0 on SIGTERM; no token in the logs."""
    async with FakeTelegramServer(LocalBotApi(token=TOKEN)) as tg:
        environ = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": tg.base_url,
            "DATABASE_URL": database_url,
            "LEARNBOT_DATA_DIR": str(tmp_path),
            "LOG_LEVEL": "DEBUG",
            "NO_PROXY": "127.0.0.1",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=environ,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            learner = tg.api.user(1001, "Sam")
            await tg.wait_for(lambda: tg.api.counts.get("getUpdates", 0) > 0, timeout=60)
            learner.text("/start")
            greeting = await tg.wait_for(lambda: learner.messages(), timeout=30)
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log = output.decode()
    assert process.returncode == 0, log
    assert "how old are you" in greeting[0].plain
    commands = [
        call.params["commands"] for call in tg.ledger.calls() if call.method == "setMyCommands"
    ]
    assert commands
    assert "/bot" + TOKEN not in log
    assert TOKEN.split(":")[1] not in log
    assert "Application is stopping" in log or "stopped" in log
