# The published read-only instance: slim Python, non-root, gunicorn, health check.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CDP_MODE=public \
    CDP_INSTANCE_DIR=/app/instance \
    BIND=0.0.0.0:8050

WORKDIR /app
# Pango lays out the board pack's text (WeasyPrint).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN useradd --create-home --uid 10001 cdp && mkdir -p /app/instance && chown -R cdp:cdp /app/instance
USER cdp

EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8050/health', timeout=2).status == 200 else 1)"

# The store is built outside the image (or mounted): DATABASE_URL points at it; see README.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
