"""What every fake server shares: an aiohttp app on 127.0.0.1 at a port the kernel picks, as a context manager."""

from __future__ import annotations

from typing import Self

from aiohttp import web


class LoopbackServer:
    """Subclasses set ``self._runner`` (a ``web.AppRunner`` over their app) in ``__init__``."""

    _runner: web.AppRunner
    _base_url: str | None = None

    async def start(self) -> None:
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        host, port = self._runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            name = type(self).__name__
            raise RuntimeError(f"{name} is not started; use `async with {name}() as fake:`")
        return self._base_url
