"""LocalRequest: plugs a LocalBotApi into python-telegram-bot at the `BaseRequest` seam, in
place of the network."""

import asyncio
import json
import re
import urllib.parse
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from bot.local_api.api import LocalBotApi
from bot.local_api.records import error_body


class LocalRequest(BaseRequest):
    """Routes the bot's HTTP calls to a LocalBotApi instead of the network."""

    def __init__(self, api: LocalBotApi, *, read_timeout: float | None = 5.0) -> None:
        self.api = api
        self._read_timeout = read_timeout

    @property
    def read_timeout(self) -> float | None:
        """Default read timeout; PTB adds the long-poll timeout to it for getUpdates."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer `url` locally: `.../bot<token>/<method>` or `.../file/bot<token>/<path>`."""
        if isinstance(read_timeout, int | float):
            timeout: float | None = float(read_timeout)
        elif read_timeout is None:
            timeout = None
        else:
            timeout = self._read_timeout
        try:
            async with asyncio.timeout(timeout):
                return await self._answer(urllib.parse.urlsplit(url).path, request_data)
        except TimeoutError as exc:
            raise TimedOut from exc

    async def _answer(self, path: str, request_data: RequestData | None) -> tuple[int, bytes]:
        file_match = re.search(r"/file/bot([^/]+)/(.+)$", path)
        if file_match:
            # PTB percent-encodes the file URL path, so the token's ':' arrives as %3A.
            if urllib.parse.unquote(file_match.group(1)) != self.api.token:
                return 401, json.dumps(error_body(401, "Unauthorized")).encode()
            content = self.api.file_bytes(urllib.parse.unquote(file_match.group(2)))
            if content is None:
                return 404, json.dumps(error_body(404, "Not Found")).encode()
            return 200, content
        match = re.search(r"/bot([^/]+)/([A-Za-z0-9_]+)$", path)
        if not match:
            return 404, json.dumps(error_body(404, "Not Found")).encode()
        if match.group(1) != self.api.token:
            return 401, json.dumps(error_body(401, "Unauthorized")).encode()
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes, str]] = {}
        if request_data is not None and request_data.contains_files:
            for name, (filename, content_or_handle, mime) in request_data.multipart_data.items():
                content_bytes = (
                    content_or_handle
                    if isinstance(content_or_handle, bytes)
                    else content_or_handle.read()
                )
                files[name] = (filename, content_bytes, mime)
        status, body = await self.api.call(match.group(2), params, files)
        return status, json.dumps(body).encode()
