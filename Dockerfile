# learnbot: `learnbot run` in a slim image, as a non-root user, with the SQLite file on a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    LEARNBOT_DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY catalogue ./catalogue
COPY conversations ./conversations
RUN pip install . && useradd --create-home --uid 10001 learnbot \
    && mkdir -p /data && chown learnbot /data

USER learnbot
VOLUME ["/data"]
# Webhook mode listens here; polling needs no port.
EXPOSE 8443

# Healthy when the database answers and the schema is current (no Telegram call needed).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["learnbot", "health"]

# python-telegram-bot drains its queue on SIGTERM; give it time (docker stop -t 30).
STOPSIGNAL SIGTERM
CMD ["learnbot", "run"]
