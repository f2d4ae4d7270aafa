"""The Redis installation and OAuth state stores, on a real Redis, against the SQLAlchemy store's semantics."""

from __future__ import annotations

from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.store.installations import RedisInstallationStore
from bot.store.oauth_state import RedisOAuthStateStore
from bot.store.redis_store import Store


def install(team: str | None, user: str, at: float, *, token: str | None = None, **fields: object) -> Installation:
    return Installation(
        app_id="A0HIREBOT1",
        enterprise_id=fields.pop("enterprise_id", None),  # type: ignore[arg-type]
        team_id=team,
        bot_token=token if token is not None else f"xoxb-{team}-{at}",
        bot_id="BBOT",
        bot_user_id="UBOT",
        bot_scopes="chat:write,commands",
        user_id=user,
        user_token=f"xoxp-{user}-{at}",
        installed_at=at,
        **fields,  # type: ignore[arg-type]
    )


async def test_the_latest_installation_per_team_is_found_and_teams_are_apart(store: Store) -> None:
    installations = RedisInstallationStore(store, client_id="111.222")
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN01", 1000.0))
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN02", 2000.0))
    await installations.async_save(install("T0BBBBBBB", "U0OTHER01", 1500.0))

    found = await installations.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA")
    assert found is not None and (found.user_id, found.bot_token) == ("U0ADMIN02", "xoxb-T0AAAAAAA-2000.0")
    bot = await installations.async_find_bot(enterprise_id=None, team_id="T0BBBBBBB")
    assert bot is not None and bot.bot_token == "xoxb-T0BBBBBBB-1500.0"
    assert bot.bot_scopes == ["chat:write", "commands"]
    assert await installations.async_find_bot(enterprise_id=None, team_id="T0CCCCCCC") is None
    another_app = RedisInstallationStore(store, client_id="333.444")
    assert await another_app.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA") is None


async def test_a_users_installation_carries_the_latest_bot_token(store: Store) -> None:
    """bolt-python#664: the first installer's row is older than the bot token in use."""
    installations = RedisInstallationStore(store, client_id="111.222")
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN01", 1000.0))
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN02", 2000.0))
    first = await installations.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA", user_id="U0ADMIN01")
    assert first is not None
    assert (first.user_token, first.bot_token) == ("xoxp-U0ADMIN01-1000.0", "xoxb-T0AAAAAAA-2000.0")


async def test_a_rotated_token_replaces_its_row_and_keeps_its_place(store: Store) -> None:
    installations = RedisInstallationStore(store, client_id="111.222")
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN01", 1000.0, bot_refresh_token="xoxe-1-old"))
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN02", 2000.0, bot_refresh_token="xoxe-1-new"))
    older = await installations.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA", user_id="U0ADMIN01")
    assert older is not None
    older.user_token = "xoxp-rotated"
    older.user_token_expires_at = 5000
    await installations.async_save(older)  # what Bolt's token rotator does with a user's refreshed installation

    latest = await installations.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA")
    assert latest is not None and latest.user_id == "U0ADMIN02", "re-saving an older row must not make it latest"
    again = await installations.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA", user_id="U0ADMIN01")
    assert again is not None and (again.user_token, again.user_token_expires_at) == ("xoxp-rotated", 5000)
    assert len(await store.index_members("slack-installation", "111.222:none:T0AAAAAAA")) == 2


async def test_an_org_wide_install_is_keyed_by_the_enterprise(store: Store) -> None:
    installations = RedisInstallationStore(store, client_id="111.222")
    org = install(None, "U0ORGADMIN", 1000.0, enterprise_id="E0GRID001", is_enterprise_install=True)
    await installations.async_save(org)
    for team in ("T0AAAAAAA", "T0BBBBBBB", None):
        found = await installations.async_find_installation(
            enterprise_id="E0GRID001", team_id=team, is_enterprise_install=True
        )
        assert found is not None and found.is_enterprise_install and found.enterprise_id == "E0GRID001"
    assert await installations.async_find_bot(enterprise_id="E0GRID001", team_id="T0AAAAAAA") is None


async def test_delete_all_removes_every_token_of_the_team_only(store: Store) -> None:
    installations = RedisInstallationStore(store, client_id="111.222")
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN01", 1000.0))
    await installations.async_save(install("T0AAAAAAA", "U0ADMIN02", 2000.0))
    await installations.async_save(install("T0BBBBBBB", "U0OTHER01", 1500.0))
    await installations.async_delete_installation(enterprise_id=None, team_id="T0AAAAAAA", user_id="U0ADMIN02")
    left = await installations.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA")
    assert left is not None and left.user_id == "U0ADMIN01"

    await installations.async_delete_all(enterprise_id=None, team_id="T0AAAAAAA")
    assert await installations.async_find_installation(enterprise_id=None, team_id="T0AAAAAAA") is None
    assert await installations.async_find_bot(enterprise_id=None, team_id="T0AAAAAAA") is None
    assert [key async for key in store.redis.scan_iter(match=f"{store.prefix}*T0AAAAAAA*")] == []
    assert await installations.async_find_bot(enterprise_id=None, team_id="T0BBBBBBB") is not None


async def test_oauth_state_is_consumed_once_and_expires(store: Store) -> None:
    now = [1000.0]
    states = RedisOAuthStateStore(store, expiration_seconds=600, clock=lambda: now[0])
    state = await states.async_issue()
    assert await states.async_consume(state) is True
    assert await states.async_consume(state) is False, "a state works once"
    assert await states.async_consume("forged") is False
    assert await states.async_consume("") is False

    late = await states.async_issue()
    now[0] += 600
    assert await states.async_consume(late) is False, "a state older than the expiry is refused"
    assert await store.get_document("oauth-state", late) is None, "and removed"
    assert 0 < await store.redis.ttl(store.document_key("oauth-state", await states.async_issue())) <= 600
