from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "tellonce.feedback"
    label = "feedback"
    verbose_name = "Family voice: surveys, feedback and You said, we did"

    def ready(self) -> None:
        from tellonce.feedback import demo  # noqa: F401  (registers the demo step)
