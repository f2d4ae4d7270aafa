"""Fixtures for the fake Anthropic API's own tests: the fake on loopback, and the real ``AsyncAnthropic`` pointed
at it (no retries; tests that need them build their own with ``client.client_for``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from anthropic import AsyncAnthropic

from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI


@pytest.fixture
async def fake() -> AsyncIterator[FakeAnthropicAPI]:
    async with FakeAnthropicAPI() as server:
        yield server


@pytest.fixture
async def client(fake: FakeAnthropicAPI) -> AsyncIterator[AsyncAnthropic]:
    async with AsyncAnthropic(api_key=TEST_API_KEY, base_url=fake.base_url, max_retries=0) as sdk_client:
        yield sdk_client
