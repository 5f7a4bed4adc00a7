from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "tellonce.operations"
    label = "operations"
    verbose_name = "Operations: health, readiness, metrics, logs and error reporting"

    def ready(self):
        from django.conf import settings

        from tellonce.operations import sentry

        if settings.TELLONCE_SENTRY_DSN:
            sentry.start(settings.TELLONCE_SENTRY_DSN, environment=settings.TELLONCE_SENTRY_ENVIRONMENT)
