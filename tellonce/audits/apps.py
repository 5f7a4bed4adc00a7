from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "tellonce.audits"
    label = "audits"
    verbose_name = "Plan audits: the audit tool, rounds, moderation and feedback"

    def ready(self) -> None:
        # The live measures an improvement plan can cite register on import.
        from tellonce.audits import measures  # noqa: F401
