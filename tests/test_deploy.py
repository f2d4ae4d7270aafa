"""The Dockerfile and compose.yaml, read as files (nothing is built, pulled or run): they parse, every image is
pinned, and what they run and probe is hirebot's real command and real routes.

compose.yaml is also checked as ``docker compose config`` checks it, on every machine: against the Compose
Specification's JSON schema that compose-go embeds (vendored in ``tests/compose_schema``, source and licence in
its README). Where ``docker compose version`` works, ``docker compose config -q`` runs too, in addition."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bot.cli.main import build_parser
from bot.config import Settings
from bot.server import create_web_app
from tests.fakes.workspace import BOT_TOKEN, SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_SCHEMA = ROOT / "tests" / "compose_schema" / "compose-spec.json"
PINNED = re.compile(r"^[a-z0-9./-]+:\d+(\.\d+)+[a-z0-9.-]*$")  # name:1.2.3-variant, never latest or a bare major


def dockerfile() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` in order, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def instructions(name: str) -> list[str]:
    return [arguments for instruction, arguments in dockerfile() if instruction == name]


def compose() -> dict[str, Any]:
    parsed: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return parsed


def docker_compose() -> list[str] | None:
    """``docker compose``, when the Docker CLI has the compose plugin here; None otherwise."""
    docker = shutil.which("docker")
    if docker is None:
        return None
    try:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return [docker, "compose"] if probe.returncode == 0 else None


def served_paths() -> set[str]:
    settings = Settings(_env_file=None, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET)  # type: ignore[call-arg]
    app = create_web_app(settings)
    return {route.resource.canonical for route in app.router.routes() if route.method == "GET" and route.resource}


def probed_paths(command: str) -> set[str]:
    """The URL paths a health check command requests: ``'…:3000/readyz'`` or ``… + '/healthz'``."""
    return set(re.findall(r"[\d'\"](/[a-z][a-z_/]*)['\"]", command))


def test_the_dockerfile_builds_the_package_as_a_non_root_user_from_a_pinned_base() -> None:
    [base] = instructions("FROM")
    assert PINNED.match(base) and base.startswith("python:") and "slim" in base
    python = tuple(int(part) for part in base.split(":")[1].split("-")[0].split(".")[:2])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert python >= tuple(int(p) for p in project["requires-python"].removeprefix(">=").split(".")), "supported"

    copied = " ".join(instructions("COPY"))
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    for package in (name.rstrip("*") for name in packages["include"]):
        assert f"COPY {package} ./{package}" in "\n".join(f"COPY {c}" for c in instructions("COPY")), package
    assert "manifest.yml" in copied and "HIREBOT_MANIFEST=/app/manifest.yml" in " ".join(instructions("ENV"))
    assert any(re.search(r"\bpip install \.( |$)", run) for run in instructions("RUN")), "installed from the repo"
    [user] = instructions("USER")
    assert user not in ("root", "0") and "useradd --system --uid 10001" in " ".join(instructions("RUN"))


def test_the_image_runs_hirebot_serve_and_checks_a_real_route() -> None:
    [entrypoint], [command] = instructions("ENTRYPOINT"), instructions("CMD")
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert yaml.safe_load(entrypoint) == ["hirebot"] and "hirebot" in scripts
    assert build_parser().parse_args(yaml.safe_load(command)).command == "serve"
    [healthcheck] = instructions("HEALTHCHECK")
    assert probed_paths(healthcheck) == {"/healthz"} <= served_paths()
    assert "--interval=" in healthcheck and "--timeout=" in healthcheck


def test_compose_runs_two_replicas_behind_a_proxy_with_redis_7_on_aof() -> None:
    spec = compose()
    services, volumes = spec["services"], spec["volumes"]
    assert set(services) == {"redis", "hirebot", "proxy"}
    for name, service in services.items():
        assert PINNED.match(service["image"]), f"{name}: pin the image to a version"
        assert service.get("healthcheck") or name == "proxy", f"{name} has no health check"

    redis = services["redis"]
    assert redis["image"].startswith("redis:7.")
    assert "--appendonly" in redis["command"] and redis["command"][redis["command"].index("--appendonly") + 1] == "yes"
    [volume] = redis["volumes"]
    assert volume.split(":") == ["redis-data", "/data"] and "redis-data" in volumes, "AOF on a named volume"

    hirebot = services["hirebot"]
    assert hirebot["build"] == "." and hirebot["deploy"]["replicas"] == 2
    args = build_parser().parse_args(hirebot["command"])
    assert args.command == "serve"
    assert hirebot["environment"]["REDIS_URL"] == f"redis://redis:{6379}/0", "every replica shares only Redis"
    assert hirebot["depends_on"]["redis"]["condition"] == "service_healthy"
    readiness = " ".join(hirebot["healthcheck"]["test"])
    assert probed_paths(readiness) == {"/readyz"} <= served_paths()
    assert f"127.0.0.1:{args.port}/" in readiness

    settings = Settings.model_fields
    for variable in re.findall(r"\$\{(\w+):-\}", (ROOT / "compose.yaml").read_text()):
        assert variable.lower() in settings, f"{variable} is not a hirebot setting"


def test_compose_yaml_is_valid_as_docker_compose_config_checks_it() -> None:
    """compose-go validates each file, as parsed, against its embedded schema (JSON Schema 2020-12) before it
    reads anything; every value compose.yaml interpolates is a string either way."""
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft202012Validator
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose())]
    assert errors == []
    broken = compose()
    broken["services"]["hirebot"]["deploy"]["replicas"] = [2]
    broken["services"]["proxy"]["healthcheck"] = {"tests": ["CMD", "true"]}
    assert {tuple(e.absolute_path) for e in validator.iter_errors(broken)} == {
        ("services", "hirebot", "deploy", "replicas"),
        ("services", "proxy", "healthcheck"),
    }, "the schema is really applied: a wrong type and an unknown key are both refused"

    command = docker_compose()
    if command is not None:  # an additional check where the plugin exists; the schema check above always runs
        checked = subprocess.run(
            [*command, "--file", str(ROOT / "compose.yaml"), "config", "--quiet"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr


def test_the_proxy_forwards_to_the_replicas_port() -> None:
    services = compose()["services"]
    proxy, port = services["proxy"], build_parser().parse_args(services["hirebot"]["command"]).port
    assert proxy["image"].startswith("nginx:") and proxy["depends_on"]["hirebot"]["condition"] == "service_healthy"
    [mount] = proxy["volumes"]
    config_path = mount.split(":")[0]
    config = (ROOT / config_path).read_text()
    assert re.search(rf"server hirebot:{port} resolve;", config), "the upstream is the hirebot service"
    assert "proxy_pass http://hirebot;" in config
    assert shlex.split(proxy["ports"][0].replace(":", " "))[-1] == "80" and "listen 80;" in config


def test_the_readme_documents_the_replicas_and_distribution() -> None:
    readme = (ROOT / "README.md").read_text()
    replicas = readme.split("## Run it as replicas", 1)[1].split("\n## ", 1)[0]
    assert "docker compose up" in replicas and "only Redis" in replicas and "/readyz" in replicas
    distribute = readme.split("## Distribute it", 1)[1].split("\n## ", 1)[0]
    for step in ("/slack/oauth_redirect", "/slack/install", "SLACK_CLIENT_ID", "manifest"):
        assert step in distribute, step
