# Production image: gunicorn for the web, the same image for Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=marktplein.settings.production

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 marktplein

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
# A throwaway key for the build steps only; the real one comes from the environment at run time.
RUN export DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
        MARKTPLEIN_MFA_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
        REDIS_URL=redis://127.0.0.1:6379/0 \
    && python manage.py collectstatic --noinput -v0 \
    && python manage.py compilemessages --ignore=.venv -v0 \
    && mkdir -p /app/media \
    && chown -R marktplein /app

USER marktplein
EXPOSE 8000
CMD ["gunicorn", "marktplein.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
