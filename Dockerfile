# hirebot for HTTP, one process per container: `docker build -t hirebot .`, then run it as many times as you like
# behind a load balancer, every replica pointing at the same Redis (compose.yaml does exactly that).
FROM python:3.11.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin hirebot \
    && mkdir /app/data && chown hirebot /app/data

# The package from this repository (no editable install, no tests), and manifest.yml: the OAuth install reads
# its scopes there.
COPY pyproject.toml README.md manifest.yml ./
COPY bot ./bot
COPY handlers ./handlers
COPY blocks ./blocks
COPY knowledge ./knowledge
RUN pip install . && rm -rf build *.egg-info

USER hirebot
ENV PORT=3000 \
    HIREBOT_MANIFEST=/app/manifest.yml \
    HIREBOT_DATA_DIR=/app/data
EXPOSE 3000

# Liveness: the process answers HTTP. (Readiness, Redis and the installation store, is GET /readyz.)
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '3000') + '/healthz', timeout=2)"

ENTRYPOINT ["hirebot"]
CMD ["serve"]
